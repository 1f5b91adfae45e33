package com.example.shop.orders.internal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import org.springframework.modulith.events.ApplicationModuleListener;

import com.example.shop.orders.OrderId;
import com.example.shop.payments.DisputeClosed;
import com.example.shop.payments.PaymentCancelled;
import com.example.shop.payments.PaymentDisputed;
import com.example.shop.payments.PaymentRefunded;
import com.example.shop.payments.PaymentSucceeded;
import com.example.shop.payments.RefundFailed;

/**
 * Orders follow their payments. Each listener runs after the payments transaction committed, from the
 * event publication registry: a failure leaves the publication incomplete and it is delivered again,
 * so every reaction is idempotent. {@code PaymentFailed} needs no reaction: the order stays payable and
 * the customer may try another card. They run without a surrounding transaction because a reaction may
 * call payments (Stripe); the order work inside takes its own short transaction.
 * <p>
 * A failed delivery is retried later, so the reactions can run out of order: a refund reported before the
 * payment's success is recorded and applied when the order is paid, a report of the refunds older than the
 * one applied (a refund, then its failure) changes nothing, and a dispute reported open after it was closed
 * stays closed.
 */
@Component
class PaymentEventListeners {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventListeners.class);

    private final OrderPaymentService orders;

    PaymentEventListeners(OrderPaymentService orders) {
        this.orders = orders;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSucceeded event) {
        order(event.reference())
                .ifPresent(id -> orders.confirmPayment(id, event.paymentIntentId(), event.amount(), event.at()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentCancelled event) {
        order(event.reference()).ifPresent(id -> orders.paymentCancelled(id, event.at()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentRefunded event) {
        order(event.reference())
                .ifPresent(id -> orders.refundsReported(id, event.totalRefunded(), event.totalFailed(), event.at()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RefundFailed event) {
        order(event.reference())
                .ifPresent(id -> orders.refundsReported(id, event.totalRefunded(), event.totalFailed(), event.at()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentDisputed event) {
        order(event.reference()).ifPresent(id -> orders.disputeOpened(id, event.disputeId()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DisputeClosed event) {
        order(event.reference()).ifPresent(id -> orders.disputeClosed(id, event.disputeId(), event.status()));
    }

    /**
     * The order a payment reference names. Payments also adopts PaymentIntents it never stored when they
     * carry {@code metadata.order_id}; one set by another application on the same Stripe account is not
     * an order id, and failing on it would leave a publication that fails again on every resubmission.
     */
    private static Optional<OrderId> order(String reference) {
        try {
            return Optional.of(OrderId.parse(reference));
        } catch (IllegalArgumentException notOurs) {
            log.warn("Payment event for reference '{}', which is not an order id: ignored", reference);
            return Optional.empty();
        }
    }
}
