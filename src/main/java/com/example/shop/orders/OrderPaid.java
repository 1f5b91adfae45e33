package com.example.shop.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

/** The order's payment succeeded (exactly once per order); its stock moved from reserved to sold. */
public record OrderPaid(UUID eventId, OrderId orderId, @Nullable CustomerId customerId, @Nullable String email,
        List<OrderItem> lines, OrderBreakdown breakdown, @Nullable String paymentIntentId, Instant occurredAt)
        implements OrderEvent {

    /** The order's total (the breakdown's). */
    @JsonIgnore
    public Money total() {
        return breakdown.total();
    }
}
