package com.example.shop.shared.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the rate limits use Redis, when it is configured.
 *
 * @param timeout the longest a request waits for Redis (each command, and a connect) before its limit falls back
 * @param downFor how long Redis is left alone after a failure: meanwhile no request waits for it, then one tries
 */
@ConfigurationProperties("shop.rate-limit.redis")
public record RateLimitStoreProperties(
        @DefaultValue("300ms") Duration timeout,
        @DefaultValue("5s") Duration downFor) {

    public RateLimitStoreProperties {
        if (timeout.isNegative() || timeout.isZero() || downFor.isNegative() || downFor.isZero()) {
            throw new IllegalArgumentException("shop.rate-limit.redis.timeout and .down-for must be positive");
        }
    }
}
