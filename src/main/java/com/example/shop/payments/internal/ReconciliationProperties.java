package com.example.shop.payments.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.payments.reconciliation.*}: how often the job runs ({@code interval}), how long a payment must
 * have waited before Stripe is asked about it ({@code stale-after}), and how many it checks per run.
 */
@ConfigurationProperties("shop.payments.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("5m") Duration interval,
        @DefaultValue("15m") Duration staleAfter,
        @DefaultValue("100") int batchSize) {
}
