package com.example.shop.payments;

import java.time.Instant;

/** The PaymentIntent was cancelled before anything was captured. */
public record PaymentCancelled(String reference, String paymentIntentId, Instant at) {
}
