package com.example.shop.payments.internal;


import com.example.shop.shared.Money;
import org.jspecify.annotations.Nullable;

/**
 * A refund cleared to go to Stripe ({@code amount} reserved for it), or the refund made earlier under the
 * same key: done when it has a refund id, otherwise still to be asked for again under that key.
 */
record RefundClaim(String paymentIntentId, Money amount, @Nullable RefundRecord earlier, Money refunded) {

    boolean alreadyDone() {
        return earlier != null && !earlier.isReservation();
    }
}
