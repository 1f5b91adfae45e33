package com.example.shop.payments;

/** No payment was ever started for the reference. */
public class PaymentNotFound extends RuntimeException {

    public PaymentNotFound(String reference) {
        super("No payment for reference " + reference);
    }
}
