package com.example.shop.payments;

import java.time.Instant;

import com.example.shop.shared.Money;

/** Money went back to the customer: {@code amount} this time, {@code totalRefunded} so far. */
public record PaymentRefunded(String reference, String paymentIntentId, Money amount, Money totalRefunded,
        Instant at) {
}
