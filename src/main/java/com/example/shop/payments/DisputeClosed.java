package com.example.shop.payments;

import java.time.Instant;

import com.example.shop.shared.Money;

/**
 * A dispute ended; {@code status} is Stripe's final dispute status ({@code won}, {@code lost}, ...) and
 * {@code amount} what was disputed. {@code openingPublished} is false when Stripe's closing arrived before
 * its opening: then no {@link PaymentDisputed} is published for this dispute, before or after, and this
 * event alone records that it was opened and closed.
 */
public record DisputeClosed(String reference, String paymentIntentId, String disputeId, Money amount, String status,
        boolean openingPublished, Instant at) {
}
