package com.example.shop.orders.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.example.shop.orders.LocalOrderStreams;
import com.example.shop.orders.OrderChangeFanOut;
import com.example.shop.orders.internal.OrderStreamProperties.FanOut;
import com.example.shop.shared.cluster.ClusterChannel;
import com.example.shop.shared.config.SharedServices;

/**
 * The one {@link OrderChangeFanOut}: {@code shop.orders.events.fan-out} when set; otherwise across instances
 * when Redis is configured (the channel then spans them) and within this JVM when not. {@code cluster} without
 * Redis works as well: the cluster channel then delivers within this JVM only.
 */
@Configuration(proxyBeanMethods = false)
class OrderChangeFanOutConfiguration {

    @Bean
    OrderChangeFanOut orderChangeFanOut(OrderStreamProperties properties, Environment environment,
            LocalOrderStreams streams, ClusterChannel cluster) {
        return switch (fanOut(properties, environment)) {
            case JVM -> new InJvmOrderChangeFanOut(streams);
            case CLUSTER -> new ClusterOrderChangeFanOut(cluster, streams);
        };
    }

    static FanOut fanOut(OrderStreamProperties properties, Environment environment) {
        FanOut chosen = properties.fanOut();
        if (chosen != null) {
            return chosen;
        }
        return SharedServices.REDIS.configured(environment) ? FanOut.CLUSTER : FanOut.JVM;
    }
}
