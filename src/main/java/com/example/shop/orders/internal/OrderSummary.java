package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.UUID;

import com.example.shop.shared.Money;

/** One row of an order list. */
public record OrderSummary(UUID id, UUID customerId, OrderStatus status, Money total, int itemCount,
        Money refundedAmount, boolean disputed, Instant createdAt, Instant paidAt) {

    static OrderSummary of(Order order, int itemCount) {
        return new OrderSummary(order.id(), order.customer().value(), order.status(), order.total(), itemCount,
                order.refunded(), order.disputed(), order.createdAt(), order.paidAt());
    }
}
