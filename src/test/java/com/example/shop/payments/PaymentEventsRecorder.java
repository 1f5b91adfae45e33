package com.example.shop.payments;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Test scope: a listener for every payments event, so that each publication is written to the event
 * publication registry ({@code event_publication}) even before a real module listens. Tests count those
 * rows (by this listener's id) to prove an event was published exactly once. A plain component picked up
 * by the application's component scan: no extra application context.
 */
@Component
class PaymentEventsRecorder {

    static final String LISTENER_ID_PREFIX = PaymentEventsRecorder.class.getName();

    @ApplicationModuleListener
    void on(PaymentSucceeded event) {
    }

    @ApplicationModuleListener
    void on(PaymentFailed event) {
    }

    @ApplicationModuleListener
    void on(PaymentCanceled event) {
    }

    @ApplicationModuleListener
    void on(PaymentRefunded event) {
    }

    @ApplicationModuleListener
    void on(RefundFailed event) {
    }

    @ApplicationModuleListener
    void on(PaymentDisputed event) {
    }

    @ApplicationModuleListener
    void on(DisputeClosed event) {
    }
}
