package com.example.shop.shared.cluster;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import com.example.shop.shared.config.ConditionalOnSharedService;
import com.example.shop.shared.config.SharedServices;

/** One {@link ClusterChannel}: over Redis when Redis is configured, else within this JVM. */
@Configuration(proxyBeanMethods = false)
class ClusterChannelConfiguration {

    @Bean
    @ConditionalOnSharedService(SharedServices.REDIS)
    RedisClusterChannel redisClusterChannel(RedisConnectionFactory redis,
            @Value("${shop.redis.key-prefix:shop}") String prefix,
            @Value("${shop.cluster.retry-interval:5s}") Duration retryEvery, MeterRegistry meters) {
        return new RedisClusterChannel(redis, prefix, retryEvery, meters);
    }

    @Bean
    @ConditionalOnSharedService(value = SharedServices.REDIS, present = false)
    InJvmClusterChannel inJvmClusterChannel() {
        return new InJvmClusterChannel();
    }
}
