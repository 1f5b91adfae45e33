package com.example.shop.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.customers.CustomerId;

/**
 * The order will not be paid: cancelled by the customer or an admin, by the payment, or by the payment timeout. It
 * carries the order's lines and breakdown as checkout froze them (the stock released, the total not charged); both are
 * null only in an event published before events carried them (a publication still waiting for its delivery across
 * that upgrade).
 */
public record OrderCancelled(UUID eventId, OrderId orderId, @Nullable CustomerId customerId, @Nullable String email,
        @Nullable List<OrderItem> lines, @Nullable OrderBreakdown breakdown, String reason, Instant occurredAt)
        implements OrderEvent {
}
