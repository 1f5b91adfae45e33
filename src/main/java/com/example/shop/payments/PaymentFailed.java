package com.example.shop.payments;

import java.time.Instant;

/** An attempt to pay failed; the payment stays payable (the customer may try again). */
public record PaymentFailed(String reference, String paymentIntentId, String reason, Instant at) {
}
