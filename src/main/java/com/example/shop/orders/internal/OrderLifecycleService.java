package com.example.shop.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.catalog.Inventory;
import com.example.shop.customers.CustomerId;
import com.example.shop.orders.OrderId;
import com.example.shop.payments.Payments;
import com.example.shop.payments.RefundNotPossible;
import com.example.shop.payments.RefundView;
import com.example.shop.pricing.Pricing;
import com.example.shop.shared.Money;

/**
 * What customers and admins do to a placed order: cancel it, ship it, refund it. Database work happens in
 * short transactions that lock the order row, and then the stock rows; every call to payments (and so to
 * Stripe) happens outside them.
 */
@Service
public class OrderLifecycleService {

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycleService.class);

    private final OrderRepository orders;
    private final Inventory inventory;
    private final Payments payments;
    private final Pricing pricing;
    private final OrderGate gate;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    OrderLifecycleService(OrderRepository orders, Inventory inventory, Payments payments, Pricing pricing,
            OrderGate gate, TransactionTemplate transactions) {
        this.orders = orders;
        this.inventory = inventory;
        this.payments = payments;
        this.pricing = pricing;
        this.gate = gate;
        this.transactions = transactions;
    }

    /**
     * Customer or admin cancel: only an unpaid order; stock is released and the discount code's use given back,
     * then the PaymentIntent cancelled.
     */
    public OrderDetails cancel(OrderId orderId, CustomerId caller, boolean admin) {
        return cancel(orderId, OrderAccess.customer(caller, admin));
    }

    /**
     * Cancel by the order's customer, an admin or the holder of a guest order's access key: only an unpaid order;
     * stock is released and the discount code's use given back, then the PaymentIntent cancelled.
     */
    public OrderDetails cancel(OrderId orderId, OrderAccess access) {
        OrderDetails cancelled = transactions.execute(status -> {
            Order order = gate.admit(orderId, access, () -> orders.findForUpdate(orderId.value()));
            order.cancel(OrderGate.asOwner(order, access) ? "cancelled by the customer" : "cancelled by an admin",
                    clock.instant());
            giveBack(order);
            return OrderDetails.of(orders.save(order));
        });
        cancelPaymentQuietly(orderId);
        return cancelled;
    }

    /**
     * A signed-in customer adopts a guest order by its access key: from then on it is theirs (in their order list,
     * readable with their token). Exactly once: of concurrent claims one wins and the others are told it is
     * claimed already. A wrong key is a 404 like any foreign order, and counts against guessing.
     *
     * @throws OrderNotFound       no such order, or not this key
     * @throws OrderAlreadyClaimed a customer (this one or another) has claimed it already
     */
    public OrderDetails claim(OrderId orderId, String accessKey, String clientAddress, CustomerId customer) {
        return transactions.execute(status -> {
            gate.admit(orderId, OrderAccess.key(accessKey, clientAddress), () -> orders.findById(orderId.value()));
            if (orders.claim(orderId.value(), customer.value(), clock.instant()) != 1) {
                throw new OrderAlreadyClaimed(orderId);
            }
            return OrderDetails.of(orders.findWithLines(orderId.value()).orElseThrow());
        });
    }

    @Transactional
    public OrderDetails ship(OrderId orderId, String carrier, String trackingNumber) {
        Order order = orders.findForUpdate(orderId.value())
                .orElseThrow(() -> new OrderNotFound(orderId.value()));
        order.ship(carrier, trackingNumber, clock.instant());
        return OrderDetails.of(orders.save(order));
    }

    /** Admin refund through payments: checked against what is left, then sent to Stripe outside any transaction. */
    public RefundView refund(OrderId orderId, Optional<Money> amount, String idempotencyKey, String reason) {
        Money refundable = transactions.execute(status -> orders.findById(orderId.value())
                .orElseThrow(() -> new OrderNotFound(orderId.value())).refundable());
        Money requested = amount.orElse(refundable);
        if (requested.isZero() || requested.isGreaterThan(refundable)) {
            throw new NotRefundable(orderId,
                    "requested " + requested + " but only " + refundable + " is left to refund");
        }
        // payments takes keys of at most 200 characters; a longer one stands for itself by its hash
        String paymentsKey = idempotencyKey.length() <= 200 ? idempotencyKey
                : "sha256-" + IdempotentRequests.sha256(idempotencyKey);
        try {
            return payments.refund(orderId.toString(), requested, paymentsKey, reason);
        } catch (RefundNotPossible e) {
            throw new NotRefundable(orderId, e.getMessage());
        }
    }

    /**
     * Cancels the order if it is still unpaid (the payment timeout, a PaymentIntent cancelled at Stripe), in
     * one transaction under the order's row lock: several callers at once cancel it once. The PaymentIntent
     * is left to the caller.
     *
     * @return whether this call cancelled the order
     */
    boolean cancelIfUnpaid(OrderId orderId, String reason, Instant at) {
        return Boolean.TRUE.equals(transactions.execute(status -> orders.findForUpdate(orderId.value())
                .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT)
                .map(order -> {
                    order.cancel(reason, at);
                    giveBack(order);
                    orders.save(order);
                    return true;
                }).orElse(false)));
    }

    /**
     * What a cancelled order held goes back, in the transaction that cancelled it under the order's row lock: its
     * stock, then its discount code's use (in that order, as checkout takes them). The order's transition happens
     * once, so this does; pricing gives a use back at most once all the same.
     */
    private void giveBack(Order order) {
        inventory.release(order.stockLines());
        if (order.discountCode() != null) {
            pricing.releaseDiscount(order.id().toString());
        }
    }

    /** Cancels the PaymentIntent of an order just cancelled; a failure is logged, the order stays cancelled. */
    void cancelPaymentQuietly(OrderId orderId) {
        try {
            payments.cancel(orderId.toString());
        } catch (RuntimeException e) {
            // the order is cancelled either way; a payment that still succeeds is refunded on arrival
            log.warn("Could not cancel the payment of order {}: {}", orderId, e.getMessage());
        }
    }
}
