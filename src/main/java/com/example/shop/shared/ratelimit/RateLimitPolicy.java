package com.example.shop.shared.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * How a limit behaves: {@code capacity} permits per key, refilled evenly over {@code period} (a key that has
 * used all of them gets one back every {@code period / capacity}), and what it does when the shared store of
 * buckets cannot be reached.
 *
 * @param capacity      permits per key, also the most a key can save up
 * @param period        time in which all {@code capacity} permits are refilled
 * @param whenStoreDown what a request does while the shared store is unreachable (no effect without one)
 */
public record RateLimitPolicy(long capacity, Duration period, WhenStoreDown whenStoreDown) {

    public RateLimitPolicy {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(whenStoreDown, "whenStoreDown");
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
        }
    }

    /** {@code capacity} per {@code period}; falls back to this instance's own buckets when the store is down. */
    public static RateLimitPolicy of(long capacity, Duration period) {
        return new RateLimitPolicy(capacity, period, WhenStoreDown.LOCAL);
    }

    public RateLimitPolicy whenStoreDown(WhenStoreDown whenStoreDown) {
        return new RateLimitPolicy(capacity, period, whenStoreDown);
    }

    /**
     * What a limit does while its shared store (Redis) cannot be reached. Without a shared store, buckets live in
     * memory and this never applies.
     */
    public enum WhenStoreDown {
        /**
         * Fail open to this instance's own in-memory buckets: requests keep being served and still limited, but
         * per instance (N instances allow N times the limit) until the store is back. For limits where refusing
         * everyone would hurt more than a weaker limit for a while (logins, registrations).
         */
        LOCAL,
        /**
         * Fail closed: every request under this limit is refused (with a short retry) until the store is back.
         * For limits that guard something an attacker could only reach by guessing, where a weaker limit is
         * worse than a short outage of the guarded feature.
         */
        REJECT
    }
}
