package com.example.shop.payments;

import java.time.Instant;

/** A dispute ended; {@code status} is Stripe's final dispute status ({@code won}, {@code lost}, ...). */
public record DisputeClosed(String reference, String paymentIntentId, String disputeId, String status,
        Instant at) {
}
