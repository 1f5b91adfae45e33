package com.example.shop.shared.ratelimit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import com.example.shop.shared.config.ConditionalOnSharedService;
import com.example.shop.shared.config.SharedServices;

/**
 * The rate limits' buckets: in Redis, shared by every instance, when Redis is configured
 * ({@code spring.data.redis.*}); in this instance's memory otherwise.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnSharedService(value = SharedServices.REDIS, present = false)
    RateLimits inMemoryRateLimits(RateLimitProperties properties) {
        return new InMemoryRateLimits(properties);
    }

    /**
     * A connection of its own from Boot's Lettuce client (so every {@code spring.data.redis.*} setting applies:
     * host or URL, credentials, TLS, sentinel, cluster), with the short timeout the rate limits need rather than
     * {@code spring.data.redis.timeout}.
     */
    @Bean
    @ConditionalOnSharedService(SharedServices.REDIS)
    RedisBuckets rateLimitBuckets(LettuceConnectionFactory redis, RateLimitStoreProperties store, MeterRegistry meters) {
        RedisBuckets buckets = new RedisBuckets(redis.getRequiredNativeClient(), store.timeout(), store.downFor());
        // 1 while the shared buckets are used, 0 while the limits fall back (an alert, not a readiness check)
        Gauge.builder("shop.rate-limit.store.up", buckets, b -> b.down() ? 0 : 1).register(meters);
        return buckets;
    }

    @Bean
    @ConditionalOnSharedService(SharedServices.REDIS)
    RateLimits redisRateLimits(RateLimitProperties properties, RedisBuckets buckets, MeterRegistry meters,
            @Value("${shop.redis.key-prefix:shop}") String keyPrefix) {
        return new RedisRateLimits(properties, keyPrefix, buckets, meters);
    }
}
