package com.example.shop.payments.internal;

import org.jspecify.annotations.Nullable;

/**
 * What this module needs of a Stripe charge: the PaymentIntent it belongs to ({@code null} for a charge made
 * without one) and how much of it has been refunded so far, in minor units.
 */
record ChargeSnapshot(String id, @Nullable String paymentIntentId, long amountRefunded) {
}
