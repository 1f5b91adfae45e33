package com.example.shop.payments.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What the storefront needs to load Stripe.js: the provider, the publishable key and the shop currency. */
@Component
public class PaymentsConfigView {

    private final StripeProperties stripe;
    private final String currency;

    PaymentsConfigView(StripeProperties stripe, @Value("${shop.currency:EUR}") String currency) {
        this.stripe = stripe;
        this.currency = currency;
    }

    public String provider() {
        return "stripe";
    }

    public String publishableKey() {
        return stripe.publishableKey();
    }

    public String currency() {
        return currency;
    }
}
