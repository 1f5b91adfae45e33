package com.example.shop.payments.internal;

import com.stripe.Stripe;
import com.stripe.StripeClient;

import io.micrometer.observation.ObservationRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The one {@link StripeClient}: explicit timeouts, explicit network retries, no telemetry, every request observed
 * ({@link StripeGatewayHttpClient}: a timer, and the trace context sent along when tracing is on).
 */
@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StripeConfiguration.class);

    @Bean
    StripeClient stripeClient(StripeProperties properties, ObservationRegistry observations) {
        // Otherwise the first call writes a telemetry id under ~/.config/stripe and reports latencies to Stripe.
        Stripe.enableTelemetry = false;
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(properties.secretKey())
                .setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()))
                .setMaxNetworkRetries(properties.maxNetworkRetries())
                .setHttpClient(new StripeGatewayHttpClient(observations));
        if (StringUtils.hasText(properties.apiBase())) {
            builder.setApiBase(properties.apiBase());
            log.info("Stripe API base overridden: {}", properties.apiBase());
        }
        return builder.build();
    }
}
