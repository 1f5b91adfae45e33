package com.example.shop.payments.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Stripe settings can be logged: their text names the kind of each key, never the secret itself. */
class StripePropertiesTests {

    @Test
    void toStringMasksTheSecretKeyAndTheWebhookSecret() {
        StripeProperties properties = new StripeProperties("sk_test_not-a-real-key-abcdefghijklmnop",
                "pk_test_not-a-real-key-public", "whsec_0123456789abcdef", "https://api.stripe.com",
                Duration.ofSeconds(5), Duration.ofSeconds(10), 2, Duration.ofSeconds(300));

        assertThat(properties.toString())
                .contains("secretKey=sk_test_****", "webhookSecret=whsec_****",
                        "publishableKey=pk_test_not-a-real-key-public", "readTimeout=PT10S")
                .doesNotContain("abcdefghijklmnop", "0123456789abcdef");
    }

    @Test
    void aMissingOrUnusualSecretShowsNothingOfIt() {
        StripeProperties properties = new StripeProperties("s3cr3t", null, "", null, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2, Duration.ofSeconds(300));

        assertThat(properties.toString()).contains("secretKey=****", "webhookSecret=<not set>")
                .doesNotContain("s3cr3t");
    }
}
