package com.example.shop.shared.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of every rate limit.
 *
 * @param maxTrackedKeys bound of each limit's in-memory bucket cache (the least recently used key is forgotten
 *                       beyond it); an idle key is forgotten once its bucket would be full again anyway
 * @param limits         per-name overrides of the defaults given in code
 */
@ConfigurationProperties("shop.rate-limit")
public record RateLimitProperties(
        @DefaultValue("100000") long maxTrackedKeys,
        @DefaultValue Map<String, Override> limits) {

    public RateLimitProperties {
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("shop.rate-limit.max-tracked-keys must be positive");
        }
    }

    /** The policy of a named limit: the override where one is set, the code's default otherwise. */
    RateLimitPolicy policy(String name, RateLimitPolicy defaults) {
        Override override = limits.get(name);
        if (override == null) {
            return defaults;
        }
        return new RateLimitPolicy(
                override.capacity() != null ? override.capacity() : defaults.capacity(),
                override.period() != null ? override.period() : defaults.period(),
                override.whenStoreDown() != null ? override.whenStoreDown() : defaults.whenStoreDown());
    }

    /** What is set for one named limit; anything left out keeps the code's default. */
    public record Override(@Nullable Long capacity, @Nullable Duration period,
            RateLimitPolicy.@Nullable WhenStoreDown whenStoreDown) {
    }
}
