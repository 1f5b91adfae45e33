package com.example.shop.orders.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the live order status ({@code GET /api/orders/{id}/events}, docs/orders.md):
 * <ul>
 * <li>{@code heartbeat}: how often every open stream gets a comment line, so proxies and load balancers see
 * traffic and keep it open; at the same rhythm the streams compare their orders' versions with the database;</li>
 * <li>{@code stream-timeout}: how long one stream stays open; then it ends and the browser reconnects with
 * {@code Last-Event-ID} (a ticket is checked again then);</li>
 * <li>{@code max-streams}: how many streams this instance holds at once; one more is a 503. About 110 KB of heap
 * each (bench/README.md): the default fits a 512 MB heap;</li>
 * <li>{@code ticket-ttl}: how long a ticket from {@code POST /api/orders/{id}/events/ticket} opens a stream;</li>
 * <li>{@code fan-out}: how a change reaches the streams: {@code jvm} (this instance's only) or {@code cluster}
 * (every instance's, over the cluster channel); unset, {@code cluster} when Redis is configured, else {@code jvm}
 * ({@link OrderChangeFanOutConfiguration}).</li>
 * </ul>
 */
@ConfigurationProperties("shop.orders.events")
public record OrderStreamProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("2000") int maxStreams,
        @DefaultValue("60s") Duration ticketTtl,
        @Nullable FanOut fanOut) {

    /** The {@link com.example.shop.orders.OrderChangeFanOut} implementations. */
    public enum FanOut {
        JVM, CLUSTER
    }

    public OrderStreamProperties {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("shop.orders.events.heartbeat must be positive");
        }
        if (streamTimeout.isNegative() || streamTimeout.isZero()) {
            throw new IllegalArgumentException("shop.orders.events.stream-timeout must be positive");
        }
        if (maxStreams < 1) {
            throw new IllegalArgumentException("shop.orders.events.max-streams must be at least 1");
        }
        if (ticketTtl.isNegative() || ticketTtl.isZero()) {
            throw new IllegalArgumentException("shop.orders.events.ticket-ttl must be positive");
        }
    }
}
