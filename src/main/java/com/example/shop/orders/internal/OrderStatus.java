package com.example.shop.orders.internal;

/**
 * PENDING_PAYMENT -> PAID -> SHIPPED; PENDING_PAYMENT -> CANCELLED;
 * PAID/SHIPPED -> PARTIALLY_REFUNDED -> REFUNDED. Only a PAID order ships. The status shows the latest step:
 * an order refunded after it shipped keeps its {@code shippedAt}, and goes back to SHIPPED (or PAID, if it
 * never shipped) when its refunds fail at Stripe.
 */
public enum OrderStatus {
    PENDING_PAYMENT, PAID, SHIPPED, PARTIALLY_REFUNDED, REFUNDED, CANCELLED;

    boolean isPaid() {
        return this == PAID || this == SHIPPED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }
}
