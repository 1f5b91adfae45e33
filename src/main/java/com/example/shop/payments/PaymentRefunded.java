package com.example.shop.payments;

import java.time.Instant;

import com.example.shop.shared.Money;

/**
 * Money went back to the customer: {@code amount} this time, {@code totalRefunded} so far.
 * <p>
 * {@code totalFailed} is what refunds that Stripe accepted and then failed or cancelled add up to so far
 * ({@link RefundFailed}). It only grows, and while it stays the same {@code totalRefunded} only grows: so of
 * two reports about one payment (this event or {@code RefundFailed}), the one with the larger
 * {@code totalFailed}, or the same {@code totalFailed} and the larger {@code totalRefunded}, is the newer.
 * A listener that keeps both can apply these events in any order and more than once.
 */
public record PaymentRefunded(String reference, String paymentIntentId, Money amount, Money totalRefunded,
        Money totalFailed, Instant at) {

    public PaymentRefunded {
        if (totalFailed == null) {
            // published before the field existed (an incomplete publication delivered again): nothing had failed
            totalFailed = Money.zero(totalRefunded.currency());
        }
    }
}
