package com.example.shop.payments.internal;

import org.jspecify.annotations.Nullable;

/**
 * What this module needs of a Stripe refund, whichever way it was obtained. {@code status} is Stripe's own
 * ({@code pending}, {@code succeeded}, {@code failed}, {@code canceled}). {@code shopKey} is the caller's
 * idempotency key this system put in the refund's metadata, so a refund learned from Stripe finds the
 * reservation it fulfils.
 */
record RefundSnapshot(String id, @Nullable String paymentIntentId, long amount, String currency, String status,
        @Nullable String shopKey) {

    static final String SHOP_KEY = "shop_refund_key";

    @Override
    public String toString() {
        return id + " " + status + " " + amount + " " + currency;
    }
}
