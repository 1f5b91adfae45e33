package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/** One row of an order list; a guest order ({@code guest}) has no customer until one claims it. */
public record OrderSummary(UUID id, @Nullable UUID customerId, @Nullable String email, boolean guest,
        OrderStatus status, Money total, int itemCount, Money refundedAmount, boolean disputed, Instant createdAt, Instant paidAt) {

    static OrderSummary of(Order order, int itemCount) {
        return new OrderSummary(order.id(), order.customer() == null ? null : order.customer().value(), order.email(),
                order.isGuestOrder(), order.status(), order.total(), itemCount,
                order.refunded(), order.disputed(), order.createdAt(), order.paidAt());
    }
}
