package com.example.shop.payments;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Test scope: a listener for every payments event, so that each publication is written to the event
 * publication registry ({@code event_publication}) even before a real module listens. Tests count those
 * rows (by this listener's id) to prove an event was published exactly once, and may ask what reached the
 * listener ({@link #received()}). A plain component picked up by the application's component scan: no extra
 * application context.
 */
@Component
class PaymentEventsRecorder {

    static final String LISTENER_ID_PREFIX = PaymentEventsRecorder.class.getName();

    private final List<Object> received = new CopyOnWriteArrayList<>();

    /** Every event delivered to this listener so far, in the order of delivery. */
    List<Object> received() {
        return List.copyOf(received);
    }

    @ApplicationModuleListener
    void on(PaymentSucceeded event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(PaymentCancelled event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(PaymentRefunded event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(RefundFailed event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(PaymentDisputed event) {
        received.add(event);
    }

    @ApplicationModuleListener
    void on(DisputeClosed event) {
        received.add(event);
    }
}
