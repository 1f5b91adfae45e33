package com.example.shop.payments;

import com.example.shop.shared.Money;

/**
 * A payment as other modules and the storefront see it. {@code clientSecret} and {@code publishableKey}
 * are what Stripe.js needs to confirm the payment in the browser.
 */
public record PaymentView(String reference, String paymentIntentId, String clientSecret, PaymentStatus status,
        Money amount, Money refunded, String publishableKey) {
}
