package com.example.shop.orders.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderChangeFanOut;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;

/**
 * Tells the open order streams about every order event once its transaction committed (never about one rolled
 * back), through the {@link OrderChangeFanOut}.
 * <p>
 * A plain {@code @EventListener} with a transaction synchronisation, as {@link OrderMetrics} does, not an
 * {@code @ApplicationModuleListener} or {@code @TransactionalEventListener}: those write a row to the event
 * publication registry per event, in the order's transaction, and a stream needs no such guarantee: a change
 * whose fan-out is lost reaches the stream at its next heartbeat, when the streams compare versions with the
 * database.
 */
@Component
class OrderChangeNotifier {

    private final OrderChangeFanOut fanOut;

    OrderChangeNotifier(OrderChangeFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @EventListener
    void on(OrderPlaced event) {
        afterCommit(event.orderId());
    }

    @EventListener
    void on(OrderPaid event) {
        afterCommit(event.orderId());
    }

    @EventListener
    void on(OrderShipped event) {
        afterCommit(event.orderId());
    }

    @EventListener
    void on(OrderRefunded event) {
        afterCommit(event.orderId());
    }

    @EventListener
    void on(OrderCancelled event) {
        afterCommit(event.orderId());
    }

    private void afterCommit(OrderId order) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            fanOut.changed(order);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                fanOut.changed(order);
            }
        });
    }
}
