package com.example.shop.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

/** A checkout created an order and reserved its stock; payment has not been made yet. */
public record OrderPlaced(UUID eventId, OrderId orderId, @Nullable CustomerId customerId, @Nullable String email,
        List<OrderItem> lines, OrderBreakdown breakdown, int itemCount, Instant occurredAt) implements OrderEvent {

    /** The order's total (the breakdown's). */
    @JsonIgnore
    public Money total() {
        return breakdown.total();
    }
}
