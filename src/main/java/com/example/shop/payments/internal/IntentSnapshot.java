package com.example.shop.payments.internal;

import org.jspecify.annotations.Nullable;

/**
 * What this module needs of a Stripe PaymentIntent, whichever way it was obtained (created, retrieved,
 * cancelled, or read from a webhook event). {@code status} is Stripe's own ({@code succeeded},
 * {@code canceled}, ...); {@code currency} is upper case; {@code reference} and {@code attempt} come from the
 * metadata this shop puts on the PaymentIntents it creates.
 */
record IntentSnapshot(String id, String status, long amount, @Nullable Long amountReceived, String currency,
        @Nullable String clientSecret, @Nullable String reference, int attempt, @Nullable String failureReason) {

    /** The metadata key of the payment reference (the order id): Stripe's dashboard and webhooks show it. */
    static final String REFERENCE_KEY = "order_id";
    static final String ATTEMPT_KEY = "payment_attempt";

    /** What was captured: {@code amount_received} once it succeeded. */
    long captured() {
        return amountReceived != null && amountReceived > 0 ? amountReceived : amount;
    }
}
