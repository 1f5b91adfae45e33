package com.example.shop.payments;

import java.time.Instant;

/** The PaymentIntent was canceled before anything was captured. */
public record PaymentCanceled(String reference, String paymentIntentId, Instant at) {
}
