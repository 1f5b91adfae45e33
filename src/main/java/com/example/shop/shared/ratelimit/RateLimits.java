package com.example.shop.shared.ratelimit;

/**
 * Makes the named rate limits. Each module asks once, at start-up, for the limits it enforces; the
 * {@link RateLimitPolicy} it passes is the default, and {@code shop.rate-limit.limits.<name>.capacity},
 * {@code .period} and {@code .when-store-down} override it per name. Names are unique across the application
 * (they name the buckets in the shared store and tag the metrics): {@code <module>.<what>-per-<key>}, e.g.
 * {@code customers.login-per-email}.
 */
public interface RateLimits {

    /**
     * The limit with this name.
     *
     * @throws IllegalStateException when the name is taken already
     */
    RateLimit limit(String name, RateLimitPolicy defaults);
}
