package com.example.shop.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.customers.CustomerId;

/**
 * A paid order left the warehouse with {@code carrier} under {@code trackingNumber}. It carries the order's lines and
 * breakdown as checkout froze them, so a listener outside orders needs to ask nothing; both are null only in an event
 * published before events carried them (a publication still waiting for its delivery across that upgrade).
 */
public record OrderShipped(UUID eventId, OrderId orderId, @Nullable CustomerId customerId, @Nullable String email,
        @Nullable List<OrderItem> lines, @Nullable OrderBreakdown breakdown, String carrier, String trackingNumber,
        Instant occurredAt) implements OrderEvent {
}
