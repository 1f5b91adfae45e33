package com.example.shop.payments;

/** Stripe refused the request (a declined card, an invalid request); trying again unchanged will not help. */
public class PaymentRejected extends RuntimeException {

    private final String code;

    public PaymentRejected(String message, String code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stripe's error code ({@code card_declined}, {@code parameter_invalid_integer}, ...), if any. */
    public String code() {
        return code;
    }
}
