package com.example.shop.shared.config;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The optional shared services of a deployment with several instances, and when each counts as configured.
 * A single instance needs none of them; each is on only when its connection is configured, so neither README
 * command (nor the production jar without those settings) ever tries to reach one.
 */
public enum SharedServices {

    /** Redis: shared rate-limit buckets, cache invalidation and live order changes across instances. */
    REDIS(List.of("spring.data.redis.host", "spring.data.redis.url", "spring.data.redis.sentinel.master",
            "spring.data.redis.cluster.nodes"),
            List.of("org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                    "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
                    "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
                    "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
                    "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
                    "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration")),

    /** RabbitMQ: integration events for other systems. */
    BROKER(List.of("spring.rabbitmq.host", "spring.rabbitmq.addresses"),
            List.of("org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
                    "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
                    "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration"));

    private final List<String> connectionSettings;
    private final List<String> autoConfigurations;

    SharedServices(List<String> connectionSettings, List<String> autoConfigurations) {
        this.connectionSettings = connectionSettings;
        this.autoConfigurations = autoConfigurations;
    }

    /** Whether this service's connection is configured (any of its connection settings has a value). */
    public boolean configured(Environment environment) {
        return connectionSettings.stream().anyMatch(name -> StringUtils.hasText(environment.getProperty(name)));
    }

    List<String> connectionSettings() {
        return connectionSettings;
    }

    /** Boot's auto-configurations of the service: left out when it is not configured. */
    List<String> autoConfigurations() {
        return autoConfigurations;
    }
}
