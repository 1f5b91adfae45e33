package com.example.shop.payments.internal;

import java.util.Locale;
import java.util.Map;

import com.stripe.model.Refund;
import org.jspecify.annotations.Nullable;


/**
 * What this module needs of a Stripe refund, whichever way it was obtained. {@code shopKey} is the caller's
 * idempotency key this system put in the refund's metadata, so a refund learned from Stripe finds the
 * reservation it fulfils.
 */
record RefundSnapshot(String id, @Nullable String paymentIntentId, long amount, String currency, String status,
        @Nullable String shopKey) {

    static final String SHOP_KEY = "shop_refund_key";

    static RefundSnapshot of(Refund refund) {
        Map<String, String> metadata = refund.getMetadata() == null ? Map.of() : refund.getMetadata();
        return new RefundSnapshot(refund.getId(), refund.getPaymentIntent(),
                refund.getAmount() == null ? 0 : refund.getAmount(),
                refund.getCurrency() == null ? "" : refund.getCurrency().toUpperCase(Locale.ROOT),
                refund.getStatus() == null ? "pending" : refund.getStatus(), metadata.get(SHOP_KEY));
    }

    @Override
    public String toString() {
        return id + " " + status + " " + amount + " " + currency;
    }
}
