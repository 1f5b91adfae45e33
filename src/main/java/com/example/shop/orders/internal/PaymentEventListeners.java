package com.example.shop.orders.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import org.springframework.modulith.events.ApplicationModuleListener;

import com.example.shop.orders.OrderId;
import com.example.shop.payments.DisputeClosed;
import com.example.shop.payments.PaymentCanceled;
import com.example.shop.payments.PaymentDisputed;
import com.example.shop.payments.PaymentRefunded;
import com.example.shop.payments.PaymentSucceeded;

/**
 * Orders follow their payments. Each listener runs after the payments transaction committed, from the
 * event publication registry: a failure leaves the publication incomplete and it is delivered again,
 * so every reaction is idempotent. {@code PaymentFailed} needs no reaction: the order stays payable and
 * the customer may try another card. They run without a surrounding transaction because a reaction may
 * call payments (Stripe); the order work inside takes its own short transaction.
 */
@Component
class PaymentEventListeners {

    private final OrderManagement orders;

    PaymentEventListeners(OrderManagement orders) {
        this.orders = orders;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSucceeded event) {
        orders.confirmPayment(OrderId.parse(event.reference()), event.paymentIntentId(), event.amount(), event.at());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentCanceled event) {
        orders.paymentCanceled(OrderId.parse(event.reference()), event.at());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentRefunded event) {
        orders.paymentRefunded(OrderId.parse(event.reference()), event.totalRefunded(), event.at());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentDisputed event) {
        orders.paymentDisputed(OrderId.parse(event.reference()), "open");
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DisputeClosed event) {
        orders.paymentDisputed(OrderId.parse(event.reference()), event.status());
    }
}
