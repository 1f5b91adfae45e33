package com.example.shop.shared.ratelimit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory rate limits, unless a shared store provides {@link RateLimits}. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnMissingBean(RateLimits.class)
    RateLimits inMemoryRateLimits(RateLimitProperties properties) {
        return new InMemoryRateLimits(properties);
    }
}
