package com.example.shop.payments;

import java.time.Instant;

import com.example.shop.shared.Money;

/** The customer's bank opened a dispute (chargeback) over the payment. */
public record PaymentDisputed(String reference, String paymentIntentId, String disputeId, Money amount,
        Instant at) {
}
