package com.example.shop.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

/**
 * Money went back to the customer: {@code amount} this time, {@code totalRefunded} everything refunded on the order
 * so far (of {@code orderTotal}). It carries the order's lines and breakdown as checkout froze them; both are null
 * only in an event published before events carried them (a publication still waiting for its delivery across that
 * upgrade).
 */
public record OrderRefunded(UUID eventId, OrderId orderId, @Nullable CustomerId customerId, @Nullable String email,
        @Nullable List<OrderItem> lines, @Nullable OrderBreakdown breakdown, Money amount, Money totalRefunded,
        Money orderTotal, boolean fullyRefunded, Instant occurredAt) implements OrderEvent {
}
