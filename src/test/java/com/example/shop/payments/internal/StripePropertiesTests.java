package com.example.shop.payments.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Stripe settings can be logged: their text names the kind of each key, never the secret itself. */
class StripePropertiesTests {

    @Test
    void toStringMasksTheSecretKeyAndTheWebhookSecret() {
        StripeProperties properties = new StripeProperties("sk_live_51Habcdefghijklmnop", "pk_live_51Hpublic",
                "whsec_0123456789abcdef", "https://api.stripe.com", Duration.ofSeconds(5), Duration.ofSeconds(10),
                2, Duration.ofSeconds(300));

        assertThat(properties.toString())
                .contains("secretKey=sk_live_****", "webhookSecret=whsec_****", "publishableKey=pk_live_51Hpublic",
                        "readTimeout=PT10S")
                .doesNotContain("51Habcdefghijklmnop", "0123456789abcdef");
    }

    @Test
    void aMissingOrUnusualSecretShowsNothingOfIt() {
        StripeProperties properties = new StripeProperties("s3cr3t", null, "", null, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2, Duration.ofSeconds(300));

        assertThat(properties.toString()).contains("secretKey=****", "webhookSecret=<not set>")
                .doesNotContain("s3cr3t");
    }
}
