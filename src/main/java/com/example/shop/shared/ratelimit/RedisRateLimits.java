package com.example.shop.shared.ratelimit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every limit's buckets in Redis, shared by all instances, so a limit per e-mail or per client address holds
 * however many instances serve the requests. Made when Redis is configured ({@link RateLimitConfiguration}).
 */
class RedisRateLimits implements RateLimits {

    private final RateLimitProperties properties;
    private final String storePrefix;
    private final RedisBuckets store;
    private final MeterRegistry meters;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    RedisRateLimits(RateLimitProperties properties, String storePrefix, RedisBuckets store, MeterRegistry meters) {
        this.properties = properties;
        this.storePrefix = storePrefix;
        this.store = store;
        this.meters = meters;
    }

    /** The first part of every bucket's key ({@code shop.redis.key-prefix}). */
    String storePrefix() {
        return storePrefix;
    }

    @Override
    public RateLimit limit(String name, RateLimitPolicy defaults) {
        if (!names.add(name)) {
            throw new IllegalStateException("The rate limit " + name + " exists already");
        }
        return new SharedRateLimit(name, properties.policy(name, defaults), storePrefix, store,
                properties.maxTrackedKeys(), meters);
    }
}
