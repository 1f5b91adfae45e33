package com.example.shop.payments.internal;

import org.springframework.lang.Nullable;

import com.example.shop.shared.Money;

/**
 * A refund cleared to go to Stripe ({@code amount} reserved for it), or the refund made earlier under the
 * same key: done when it has a refund id, otherwise still to be asked for again under that key.
 */
record RefundClaim(String paymentIntentId, Money amount, @Nullable RefundRecord earlier, Money refunded) {

    boolean alreadyDone() {
        return earlier != null && !earlier.isReservation();
    }
}
