package com.example.shop.payments;

import java.time.Instant;

import com.example.shop.shared.Money;

/**
 * A refund that Stripe had accepted failed or was cancelled (a closed card account, say): {@code amount} did
 * not go back to the customer after all, and is refundable again. {@code totalRefunded} is what the payment's
 * refunds that stand add up to now, {@code totalFailed} what the failed ones add up to; they order this event
 * and {@link PaymentRefunded} as described there.
 */
public record RefundFailed(String reference, String paymentIntentId, Money amount, Money totalRefunded,
        Money totalFailed, Instant at) {
}
