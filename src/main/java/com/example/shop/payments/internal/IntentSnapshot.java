package com.example.shop.payments.internal;

import java.util.Locale;
import java.util.Map;

import com.stripe.model.PaymentIntent;
import org.jspecify.annotations.Nullable;


/** What this module needs of a Stripe PaymentIntent, whichever way it was obtained. */
record IntentSnapshot(String id, String status, long amount, @Nullable Long amountReceived, String currency,
        @Nullable String clientSecret, @Nullable String reference, int attempt, @Nullable String failureReason) {

    static final String REFERENCE_KEY = "order_id";
    static final String ATTEMPT_KEY = "payment_attempt";

    static IntentSnapshot of(PaymentIntent intent) {
        Map<String, String> metadata = intent.getMetadata() == null ? Map.of() : intent.getMetadata();
        String failure = null;
        if (intent.getLastPaymentError() != null) {
            failure = firstNonBlank(intent.getLastPaymentError().getMessage(),
                    intent.getLastPaymentError().getDeclineCode(), intent.getLastPaymentError().getCode(),
                    "payment failed");
        }
        return new IntentSnapshot(intent.getId(), intent.getStatus(),
                intent.getAmount() == null ? 0 : intent.getAmount(), intent.getAmountReceived(),
                intent.getCurrency() == null ? "" : intent.getCurrency().toUpperCase(Locale.ROOT),
                intent.getClientSecret(), metadata.get(REFERENCE_KEY), parseAttempt(metadata.get(ATTEMPT_KEY)),
                failure);
    }

    /** What was captured: {@code amount_received} once it succeeded. */
    long captured() {
        return amountReceived != null && amountReceived > 0 ? amountReceived : amount;
    }

    private static int parseAttempt(@Nullable String value) {
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.length() > 500 ? value.substring(0, 500) : value;
            }
        }
        return null;
    }
}
