package com.example.shop.customers.internal;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * So many permits per key (an e-mail, a client address) within a period, refilled evenly: one token
 * bucket (Bucket4j) per key, kept in a bounded in-memory cache (Caffeine). Per instance: with several
 * instances the buckets belong in shared storage (Bucket4j has Redis/JDBC back ends).
 */
final class RateLimit {

    private final long permits;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    RateLimit(long permits, Duration period, long maxTrackedKeys) {
        if (permits < 1 || maxTrackedKeys < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs positive permits, period and key bound");
        }
        this.permits = permits;
        this.period = period;
        // an idle bucket is full again after one period; forgetting it then loses nothing
        this.buckets = Caffeine.newBuilder().maximumSize(maxTrackedKeys).expireAfterAccess(period).build();
    }

    /** Takes a permit for the key; when none is left, says how long until the next one (whole seconds, at least 1). */
    Optional<Duration> tryTake(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1)));
    }

    /** Returns a permit taken by {@link #tryTake}. */
    void giveBack(String key) {
        bucket(key).addTokens(1);
    }

    private Bucket bucket(String key) {
        return buckets.get(key == null ? "unknown" : key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period))
                .build());
    }
}
