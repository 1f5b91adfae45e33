package com.example.shop.payments;

/**
 * Where a payment stands. A payment only moves forward: {@code SUCCEEDED} is never undone by a late
 * failure, and {@code CANCELED} is final.
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
    /** Canceled before it succeeded; a new start for the reference creates a new PaymentIntent. */
    CANCELED;

    /** Succeeded, possibly refunded since: money was captured. */
    public boolean isCaptured() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** Nothing more happens to it without a refund or a dispute. */
    public boolean isFinal() {
        return isCaptured() || this == CANCELED;
    }
}
