package com.example.shop.payments.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.stripe.*}: the keys come from {@code STRIPE_SECRET_KEY}, {@code STRIPE_PUBLISHABLE_KEY} and
 * {@code STRIPE_WEBHOOK_SECRET} (checked at start-up by {@code RequiredSettings}); {@code api-base} points
 * stripe-java at a stand-in in tests and the offline dev run.
 */
@ConfigurationProperties("shop.stripe")
public record StripeProperties(
        String secretKey,
        String publishableKey,
        String webhookSecret,
        String apiBase,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("2") int maxNetworkRetries,
        @DefaultValue("300s") Duration webhookTolerance) {
}
