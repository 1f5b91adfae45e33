package com.example.shop.payments;

/**
 * Stripe refused this shop's credentials: a wrong or revoked {@code STRIPE_SECRET_KEY}, or a restricted key
 * without the permission the call needs. To a caller it is the same as {@link PaymentProviderUnavailable}
 * (nothing happened; asking again later is safe, and succeeds once the key is fixed), but it does not heal
 * by itself: it is logged at error level as a configuration error for operators to fix.
 */
public class PaymentProviderMisconfigured extends PaymentProviderUnavailable {

    public PaymentProviderMisconfigured(String message, Throwable cause) {
        super(message, cause);
    }
}
