package com.example.shop.shared.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * One named limit: so many permits per key within a period, refilled evenly (a token bucket per key). Made by
 * {@link RateLimits#limit}.
 */
public interface RateLimit {

    /** The limit's name, as in {@code shop.rate-limit.limits.<name>.*} and the metrics. */
    String name();

    /**
     * Takes a permit for the key. Empty when taken; otherwise how long until the next permit (whole seconds, at
     * least one), for a {@code Retry-After}.
     */
    Optional<Duration> tryTake(String key);

    /** Returns a permit taken by {@link #tryTake} (a success that should not count), never beyond the capacity. */
    void giveBack(String key);
}
