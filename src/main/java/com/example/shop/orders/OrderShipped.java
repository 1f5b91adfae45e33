package com.example.shop.orders;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.customers.CustomerId;

/** A paid order left the warehouse with {@code carrier} under {@code trackingNumber}. */
public record OrderShipped(UUID eventId, OrderId orderId, @Nullable CustomerId customerId, @Nullable String email,
        String carrier, String trackingNumber, Instant occurredAt) implements OrderEvent {
}
