package com.example.shop.payments.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.stripe.*}: the keys come from {@code STRIPE_SECRET_KEY}, {@code STRIPE_PUBLISHABLE_KEY} and
 * {@code STRIPE_WEBHOOK_SECRET} (checked at start-up by {@code RequiredSettings}); {@code api-base} points
 * stripe-java at a stand-in in tests and the offline dev run. {@link #toString()} never shows the secrets.
 */
@ConfigurationProperties("shop.stripe")
public record StripeProperties(
        String secretKey,
        String publishableKey,
        String webhookSecret,
        String apiBase,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("2") int maxNetworkRetries,
        @DefaultValue("300s") Duration webhookTolerance) {

    /** The kind of a key ({@code sk_live_}, {@code rk_test_}, {@code whsec_}), never a character of the secret. */
    private static final Pattern KIND = Pattern.compile("^([a-z]+_(?:live_|test_)?)");

    @Override
    public String toString() {
        return "StripeProperties[secretKey=" + masked(secretKey) + ", publishableKey=" + publishableKey
                + ", webhookSecret=" + masked(webhookSecret) + ", apiBase=" + apiBase + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", maxNetworkRetries=" + maxNetworkRetries
                + ", webhookTolerance=" + webhookTolerance + "]";
    }

    private static String masked(String secret) {
        if (secret == null || secret.isBlank()) {
            return "<not set>";
        }
        Matcher kind = KIND.matcher(secret);
        return (kind.find() && kind.end() < secret.length() ? kind.group(1) : "") + "****";
    }
}
