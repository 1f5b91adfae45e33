package com.example.shop.payments;

import java.time.Instant;

import com.example.shop.shared.Money;

/** The money for a reference was captured. Published once per payment. */
public record PaymentSucceeded(String reference, String paymentIntentId, Money amount, Instant at) {
}
