package com.example.shop.shared.ratelimit;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * A limit whose buckets live in this instance's memory: one Bucket4j token bucket per key, kept in a bounded
 * Caffeine cache. With several instances each one counts on its own.
 */
final class LocalRateLimit implements RateLimit {

    private final String name;
    private final RateLimitPolicy policy;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    LocalRateLimit(String name, RateLimitPolicy policy, long maxTrackedKeys) {
        this(name, policy, maxTrackedKeys, TimeMeter.SYSTEM_NANOTIME);
    }

    LocalRateLimit(String name, RateLimitPolicy policy, long maxTrackedKeys, TimeMeter clock) {
        this.name = name;
        this.clock = clock;
        this.policy = policy;
        // an idle bucket is full again after one period; forgetting it then loses nothing
        this.buckets = Caffeine.newBuilder().maximumSize(maxTrackedKeys).expireAfterAccess(policy.period())
                // its upkeep on the calling request's thread: handed to the common fork-join pool, it woke a pool
                // thread every few requests (as the catalog's caches, bench/README.md)
                .executor(Runnable::run).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Duration> tryTake(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(retryAfter(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void giveBack(String key) {
        bucket(key).addTokens(1);
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder().addLimit(RateLimitPolicies.bandwidth(policy)).withCustomTimePrecision(clock).build());
    }

    /** Whole seconds, rounded up, at least one. */
    static Duration retryAfter(long nanosToWait) {
        return Duration.ofSeconds(Math.max(1, Duration.ofNanos(nanosToWait).toSeconds() + 1));
    }
}
