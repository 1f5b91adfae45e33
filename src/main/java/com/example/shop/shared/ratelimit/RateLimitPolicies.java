package com.example.shop.shared.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/** A {@link RateLimitPolicy} in Bucket4j's terms. */
final class RateLimitPolicies {

    private RateLimitPolicies() {
    }

    static Bandwidth bandwidth(RateLimitPolicy policy) {
        return Bandwidth.builder().capacity(policy.capacity()).refillGreedy(policy.capacity(), policy.period()).build();
    }

    static BucketConfiguration configuration(RateLimitPolicy policy) {
        return BucketConfiguration.builder().addLimit(bandwidth(policy)).build();
    }
}
