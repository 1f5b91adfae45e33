package com.example.shop.notifications.internal;

import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderEvent;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;

/** The mails an order can get, one per kind of order event; the name is also the template's. */
enum MailKind {

    PLACED("order-placed"),
    PAID("order-paid"),
    SHIPPED("order-shipped"),
    REFUNDED("order-refunded"),
    CANCELLED("order-cancelled");

    private final String template;

    MailKind(String template) {
        this.template = template;
    }

    String template() {
        return template;
    }

    static MailKind of(OrderEvent event) {
        // Java 17: no pattern matching for switch yet; OrderEvent is sealed, so these are all
        if (event instanceof OrderPlaced) {
            return PLACED;
        }
        if (event instanceof OrderPaid) {
            return PAID;
        }
        if (event instanceof OrderShipped) {
            return SHIPPED;
        }
        if (event instanceof OrderRefunded) {
            return REFUNDED;
        }
        if (event instanceof OrderCancelled) {
            return CANCELLED;
        }
        throw new IllegalArgumentException("not an order event: " + event.getClass().getName());
    }
}
