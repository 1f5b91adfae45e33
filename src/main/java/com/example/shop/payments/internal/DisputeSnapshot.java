package com.example.shop.payments.internal;

import org.jspecify.annotations.Nullable;

/**
 * What this module needs of a Stripe dispute. {@code paymentIntentId} may be missing from the dispute itself;
 * then its {@code chargeId} leads to it. {@code status} is Stripe's own ({@code needs_response}, {@code won},
 * {@code lost}, ...); {@code currency} is upper case.
 */
record DisputeSnapshot(String id, @Nullable String paymentIntentId, @Nullable String chargeId, long amount,
        String currency, String status) {
}
