package com.example.shop.shared.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A limit whose buckets live in Redis, shared by every instance: key {@code <prefix>:ratelimit:<name>:<key>},
 * gone once the bucket would be full again. While Redis cannot be reached ({@link RedisBuckets}) it does what
 * its policy says: {@code LOCAL} counts in this instance's own buckets (the limit holds per instance),
 * {@code REJECT} refuses every request until Redis answers again. Each request decided without Redis counts in
 * {@code shop.rate-limit.store.fallbacks} (tags {@code limit}, {@code fallback}).
 */
final class SharedRateLimit implements RateLimit {

    private final String name;
    private final RateLimitPolicy policy;
    private final BucketConfiguration configuration;
    private final String keyPrefix;
    private final RedisBuckets store;
    private final LocalRateLimit local;
    private final Counter fallbacks;

    SharedRateLimit(String name, RateLimitPolicy policy, String storePrefix, RedisBuckets store, long maxTrackedKeys,
            MeterRegistry meters) {
        this.name = name;
        this.policy = policy;
        this.configuration = RateLimitPolicies.configuration(policy);
        this.keyPrefix = storePrefix + ":ratelimit:" + name + ":";
        this.store = store;
        this.local = new LocalRateLimit(name, policy, maxTrackedKeys);
        this.fallbacks = meters.counter("shop.rate-limit.store.fallbacks", "limit", name,
                "fallback", policy.whenStoreDown().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Duration> tryTake(String key) {
        Optional<ConsumptionProbe> shared = store.call(
                buckets -> buckets.builder().build(key(key), configuration).tryConsumeAndReturnRemaining(1));
        if (shared.isPresent()) {
            ConsumptionProbe probe = shared.get();
            return probe.isConsumed() ? Optional.empty()
                    : Optional.of(LocalRateLimit.retryAfter(probe.getNanosToWaitForRefill()));
        }
        fallbacks.increment();
        return switch (policy.whenStoreDown()) {
            case LOCAL -> local.tryTake(key);
            case REJECT -> Optional.of(store.retryAfter());
        };
    }

    @Override
    public void giveBack(String key) {
        Optional<Boolean> shared = store.call(buckets -> {
            buckets.builder().build(key(key), configuration).addTokens(1);
            return true;
        });
        if (shared.isEmpty() && policy.whenStoreDown() == RateLimitPolicy.WhenStoreDown.LOCAL) {
            local.giveBack(key);
        }
    }

    /** The key of the bucket in Redis. */
    byte[] key(String key) {
        return (keyPrefix + key).getBytes(StandardCharsets.UTF_8);
    }
}
