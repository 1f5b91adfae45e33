package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.catalog.Inventory;
import com.example.shop.orders.OrderId;
import com.example.shop.payments.Payments;
import com.example.shop.payments.RefundNotPossible;
import com.example.shop.shared.Money;

/**
 * Orders following their payments: the reactions to payments' events (see {@link PaymentEventListeners}).
 * Each is idempotent, because delivery is at least once, and takes its own short transaction under the
 * order's row lock; a call to payments (the refund of a late payment) happens after it.
 */
@Service
public class OrderPaymentService {

    private static final Logger log = LoggerFactory.getLogger(OrderPaymentService.class);

    private final OrderRepository orders;
    private final Inventory inventory;
    private final Payments payments;
    private final OrderLifecycleService lifecycle;
    private final TransactionTemplate transactions;

    OrderPaymentService(OrderRepository orders, Inventory inventory, Payments payments,
            OrderLifecycleService lifecycle, TransactionTemplate transactions) {
        this.orders = orders;
        this.inventory = inventory;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
    }

    /**
     * {@code PENDING_PAYMENT -> PAID} exactly once, committing the reserved stock. A payment that arrives
     * for an order cancelled meanwhile (payment timeout, customer cancel) is refunded in full
     * automatically: the stock is gone back to the shelf, so the money goes back to the customer.
     */
    public void confirmPayment(OrderId id, String paymentIntentId, Money amount, Instant at) {
        Order.Confirmation outcome = transactions.execute(status -> {
            Optional<Order> found = orders.findForUpdate(id.value());
            if (found.isEmpty()) {
                log.error("Payment {} succeeded for unknown order {}", paymentIntentId, id);
                return Order.Confirmation.ALREADY_PAID;
            }
            Order order = found.get();
            Order.Confirmation confirmation = order.confirmPayment(paymentIntentId, amount, at);
            switch (confirmation) {
                case PAID -> inventory.commit(order.stockLines());
                case AMOUNT_MISMATCH -> log.error("Payment {} of {} does not match order {} total {}: not confirmed",
                        paymentIntentId, amount, id, order.total());
                case PAID_AFTER_CANCELLATION -> log.warn("Payment {} arrived for cancelled order {}: refunding it",
                        paymentIntentId, id);
                case ALREADY_PAID -> {
                }
            }
            orders.save(order);
            return confirmation;
        });
        if (outcome == Order.Confirmation.PAID_AFTER_CANCELLATION) {
            refundLatePayment(id);
        }
    }

    private void refundLatePayment(OrderId id) {
        try {
            payments.refund(id.toString(), null, "late-payment-" + id, "order was cancelled before the payment arrived");
        } catch (RefundNotPossible alreadyDone) {
            log.info("Late payment of order {} needs no further refund: {}", id, alreadyDone.getMessage());
        }
    }

    /** The PaymentIntent was cancelled: an unpaid order is cancelled with it and its stock released. */
    public void paymentCancelled(OrderId id, Instant at) {
        lifecycle.cancelIfUnpaid(id, "payment canceled", at);
    }

    /**
     * Payments reported its refunds anew (a refund made, or one that failed at Stripe): the order takes the
     * newer report and ignores a late one, so the reactions may run in any order and more than once.
     */
    public void refundsReported(OrderId id, Money totalRefunded, Money totalFailed, Instant at) {
        transactions.executeWithoutResult(status -> orders.findForUpdate(id.value()).ifPresent(order -> {
            if (order.applyRefunds(totalRefunded, totalFailed, at)) {
                orders.save(order);
            }
        }));
    }

    public void disputeOpened(OrderId id, String disputeId) {
        transactions.executeWithoutResult(status -> orders.findForUpdate(id.value()).ifPresent(order -> {
            order.disputeOpened(disputeId);
            orders.save(order);
        }));
    }

    public void disputeClosed(OrderId id, String disputeId, String finalStatus) {
        transactions.executeWithoutResult(status -> orders.findForUpdate(id.value()).ifPresent(order -> {
            order.disputeClosed(disputeId, finalStatus);
            orders.save(order);
        }));
    }
}
