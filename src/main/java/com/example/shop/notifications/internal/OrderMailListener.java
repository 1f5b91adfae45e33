package com.example.shop.notifications.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;

/**
 * Hears orders' events through the event publication registry: after the order's transaction committed, on
 * another thread, so a slow or absent mail server never delays or fails an order. Without a transaction of its
 * own ({@code NOT_SUPPORTED}): no database connection is held while the mail server is talked to. Present only when a
 * mail server is configured ({@code spring.mail.host}).
 */
@Component
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
class OrderMailListener {

    private final OrderMailService mails;

    OrderMailListener(OrderMailService mails) {
        this.mails = mails;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPlaced event) {
        mails.send(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPaid event) {
        mails.send(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderShipped event) {
        mails.send(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderRefunded event) {
        mails.send(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled event) {
        mails.send(event);
    }
}
