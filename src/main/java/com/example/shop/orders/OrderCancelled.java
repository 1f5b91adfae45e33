package com.example.shop.orders;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.customers.CustomerId;

/** The order will not be paid: cancelled by the customer or an admin, by the payment, or by the payment timeout. */
public record OrderCancelled(UUID eventId, OrderId orderId, @Nullable CustomerId customerId, @Nullable String email,
        String reason, Instant occurredAt) implements OrderEvent {
}
