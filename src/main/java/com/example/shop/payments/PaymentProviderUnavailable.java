package com.example.shop.payments;

/** Stripe could not be reached, timed out or failed on its side; trying again later is safe. */
public class PaymentProviderUnavailable extends RuntimeException {

    public PaymentProviderUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
