package com.example.shop.orders.internal;

/**
 * PENDING_PAYMENT -> PAID -> SHIPPED; PENDING_PAYMENT -> CANCELLED;
 * PAID/SHIPPED -> PARTIALLY_REFUNDED -> REFUNDED.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, PARTIALLY_REFUNDED, REFUNDED, CANCELLED;

    boolean isPaid() {
        return this == PAID || this == SHIPPED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
