package com.example.shop.orders.internal;

/**
 * PENDING_PAYMENT -> PAID -> SHIPPED; PENDING_PAYMENT -> CANCELLED;
 * PAID/SHIPPED -> PARTIALLY_REFUNDED -> REFUNDED; PARTIALLY_REFUNDED -> SHIPPED (the rest ships, the
 * refunded amount stays on the order). The status shows the latest step: an order refunded after it
 * shipped keeps its {@code shippedAt}.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, PARTIALLY_REFUNDED, REFUNDED, CANCELLED;

    boolean isPaid() {
        return this == PAID || this == SHIPPED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
