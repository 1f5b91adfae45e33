package com.example.shop.shared.ratelimit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every limit's buckets in this instance's memory: the default, right for one instance. */
class InMemoryRateLimits implements RateLimits {

    private final RateLimitProperties properties;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    InMemoryRateLimits(RateLimitProperties properties) {
        this.properties = properties;
    }

    @Override
    public RateLimit limit(String name, RateLimitPolicy defaults) {
        if (!names.add(name)) {
            throw new IllegalStateException("The rate limit " + name + " exists already");
        }
        return new LocalRateLimit(name, properties.policy(name, defaults), properties.maxTrackedKeys());
    }
}
