package com.example.shop.orders;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Test scope: listens to every orders event so each publication is written to the event publication
 * registry, where tests count them to prove an event was published exactly once.
 */
@Component
class OrderEventsRecorder {

    static final String LISTENER_ID_PREFIX = OrderEventsRecorder.class.getName();

    @ApplicationModuleListener
    void on(OrderPlaced event) {
    }

    @ApplicationModuleListener
    void on(OrderPaid event) {
    }

    @ApplicationModuleListener
    void on(OrderCancelled event) {
    }

    @ApplicationModuleListener
    void on(OrderShipped event) {
    }

    @ApplicationModuleListener
    void on(OrderRefunded event) {
    }
}
