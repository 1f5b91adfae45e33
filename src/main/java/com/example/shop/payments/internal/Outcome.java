package com.example.shop.payments.internal;

/** What applying a fact from Stripe did to a payment; recorded with the webhook event. */
enum Outcome {
    /** The payment moved (and an event was published). */
    APPLIED("applied"),
    /** A refund failed or was cancelled at Stripe: the refunded total went down ({@code RefundFailed} is published). */
    REFUND_FAILED("refund-failed"),
    /** Already in that state or further: nothing to do. */
    NO_CHANGE("no-change"),
    /** Stripe reports another amount or currency than the one stored: nothing confirmed, needs review. */
    AMOUNT_MISMATCH("amount-mismatch"),
    /** The fact presupposes a state the payment has not reached yet (an event overtook another). */
    NOT_YET("not-yet"),
    /**
     * A refund or dispute for a payment whose money was never confirmed here (held after an amount mismatch,
     * or cancelled): nothing is applied automatically; logged at error level for people to look at.
     */
    NEEDS_REVIEW("needs-review"),
    /** The PaymentIntent belongs to an earlier, cancelled attempt of the reference. */
    SUPERSEDED("superseded-intent"),
    /** Not a payment of this system (no {@code metadata.order_id}). */
    FOREIGN("foreign"),
    /** Stripe no longer knows the object: nothing to apply. */
    UNRETRIEVABLE("unretrievable");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
