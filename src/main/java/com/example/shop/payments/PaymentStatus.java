package com.example.shop.payments;

/**
 * Where a payment stands. Once captured it never goes back to waiting: {@code SUCCEEDED} is never undone by
 * a late failure, and {@code CANCELLED} is final. Before that, {@code FAILED} and {@code PROCESSING} may
 * alternate, each a new attempt to pay the same PaymentIntent (as in Stripe's lifecycle). The refunded states
 * follow the refunded total, which goes down only when Stripe reports a refund failed.
 */
public enum PaymentStatus {
    /** Created; the customer has not paid yet. */
    PENDING,
    /** The last attempt failed; the customer may try again with the same PaymentIntent. */
    FAILED,
    /** Stripe is processing the payment (some payment methods take days). */
    PROCESSING,
    SUCCEEDED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    /** Cancelled before it succeeded; a new start for the reference creates a new PaymentIntent. */
    CANCELLED;

    /** Succeeded, possibly refunded since: money was captured. */
    public boolean isCaptured() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** Nothing more happens to it without a refund or a dispute. */
    public boolean isFinal() {
        return isCaptured() || this == CANCELLED;
    }
}
