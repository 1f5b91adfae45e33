package com.example.shop.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.cart.CartId;
import com.example.shop.cart.CartNotFound;
import com.example.shop.cart.Carts;
import com.example.shop.cart.CheckoutCart;
import com.example.shop.catalog.Inventory;
import com.example.shop.customers.CustomerId;
import com.example.shop.customers.Customers;
import com.example.shop.orders.OrderId;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.PaymentView;
import com.example.shop.payments.Payments;
import com.example.shop.payments.RefundNotPossible;
import com.example.shop.payments.RefundView;
import com.example.shop.payments.StartPayment;
import com.example.shop.shared.Money;

/**
 * The order use cases. Database work happens in short transactions that lock the order row; every
 * call to payments (and so to Stripe) happens outside them.
 */
@Service
public class OrderManagement {

    private static final Logger log = LoggerFactory.getLogger(OrderManagement.class);

    private final OrderRepository orders;
    private final Carts carts;
    private final Inventory inventory;
    private final Payments payments;
    private final Customers customers;
    private final IdempotentRequests idempotentRequests;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    OrderManagement(OrderRepository orders, Carts carts, Inventory inventory, Payments payments, Customers customers,
            IdempotentRequests idempotentRequests, TransactionTemplate transactions) {
        this.orders = orders;
        this.carts = carts;
        this.inventory = inventory;
        this.payments = payments;
        this.customers = customers;
        this.idempotentRequests = idempotentRequests;
        this.transactions = transactions;
    }

    /**
     * Turns the cart into an order in one transaction: snapshot the lines, reserve their stock (all or
     * nothing), empty the cart, publish {@code OrderPlaced}, and tie the order to the request's
     * Idempotency-Key claim if there is one. A shortage rolls all of it back.
     */
    public OrderDetails checkout(CustomerId customer, UUID cartId, OrderDetails.Address address,
            Optional<UUID> idempotencyClaim) {
        return transactions.execute(status -> {
            CheckoutCart cart = carts.lockForCheckout(new CartId(cartId), customer)
                    .orElseThrow(() -> new CartNotFound(cartId));
            if (cart.isEmpty()) {
                throw new EmptyCart();
            }
            if (!cart.unpurchasable().isEmpty()) {
                throw new UnavailableProducts(
                        cart.unpurchasable().stream().map(line -> line.productId().value()).toList());
            }
            Order order = Order.place(customer, cart.lines(), address.toEmbedded(), clock.instant());
            carts.clear(cart.id());
            // Write the order, its lines, the OrderPlaced publication and the emptied cart first, and reserve
            // last: the stock rows' locks are then held only for the reservation and the commit, not for
            // these statements too. A popular product's row is what concurrent checkouts queue on (measured
            // in bench/README.md). A shortage still rolls all of it back; the locks are still taken in
            // product-id order after the cart's, so the lock order is unchanged.
            Order saved = orders.saveAndFlush(order);
            idempotencyClaim.ifPresent(claim -> idempotentRequests.attach(claim, saved.id()));
            inventory.reserve(order.stockLines());
            return OrderDetails.of(saved);
        });
    }

    /**
     * Starts (or finds again) the order's payment. Outside any transaction: it may call Stripe. Only an
     * order still {@code PENDING_PAYMENT} gets a payment started; for any other (cancelled meanwhile, or
     * paid) this is the payment's last known state, so a repeated checkout never opens a new PaymentIntent
     * for an order that can no longer be paid.
     *
     * @return empty when the payment provider cannot be reached right now, or refused to start the payment,
     *         or the order is no longer payable and never had a payment
     */
    public Optional<PaymentView> startPayment(OrderDetails order) {
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return payments.find(order.id().toString());
        }
        String email = customers.find(new CustomerId(order.customerId())).map(c -> c.email()).orElse(null);
        try {
            return Optional.of(payments.start(new StartPayment(order.id().toString(), order.total(), email)));
        } catch (PaymentProviderUnavailable e) {
            log.warn("Payment for order {} not started yet: {}", order.id(), e.getMessage());
            return Optional.empty();
        } catch (PaymentRejected e) {
            // the order is committed either way: answer it without a payment; GET .../payment shows the refusal
            log.error("Stripe refused to start the payment of order {}: {}", order.id(), e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            log.error("Payment for order {} not started", order.id(), e);
            return Optional.empty();
        }
    }

    /** The payment of an order for its owner: started when still payable, otherwise its last known state. */
    public Optional<PaymentView> payment(UUID orderId, CustomerId caller) {
        OrderDetails order = details(orderId, caller, false);
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            String email = customers.find(caller).map(c -> c.email()).orElse(null);
            return Optional.of(payments.start(new StartPayment(orderId.toString(), order.total(), email)));
        }
        return payments.find(orderId.toString());
    }

    @Transactional(readOnly = true)
    public OrderDetails details(UUID orderId, CustomerId caller, boolean admin) {
        return orders.findWithLines(orderId)
                .filter(order -> admin || order.belongsTo(caller))
                .map(OrderDetails::of)
                .orElseThrow(() -> new OrderNotFound(orderId));
    }

    @Transactional(readOnly = true)
    public Page<OrderSummary> mine(CustomerId customer, Pageable page) {
        return summaries(orders.findByCustomer(customer.value(), page));
    }

    @Transactional(readOnly = true)
    public Page<OrderSummary> all(Optional<OrderStatus> status, Pageable page) {
        return summaries(status.map(s -> orders.findByStatus(s, page)).orElseGet(() -> orders.findAllNewestFirst(page)));
    }

    private Page<OrderSummary> summaries(Page<Order> page) {
        List<UUID> ids = page.getContent().stream().map(Order::id).toList();
        java.util.Map<UUID, Long> counts = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : orders.sumQuantities(ids)) {
                counts.put((UUID) row[0], ((Number) row[1]).longValue());
            }
        }
        return page.map(order -> OrderSummary.of(order, counts.getOrDefault(order.id(), 0L).intValue()));
    }

    /** Customer or admin cancel: only an unpaid order; stock is released, then the PaymentIntent cancelled. */
    public OrderDetails cancel(UUID orderId, CustomerId caller, boolean admin) {
        OrderDetails cancelled = transactions.execute(status -> {
            Order order = orders.findForUpdate(orderId).filter(o -> admin || o.belongsTo(caller))
                    .orElseThrow(() -> new OrderNotFound(orderId));
            order.cancel(order.belongsTo(caller) ? "cancelled by the customer" : "cancelled by an admin", clock.instant());
            inventory.release(order.stockLines());
            return OrderDetails.of(orders.save(order));
        });
        cancelPaymentQuietly(orderId);
        return cancelled;
    }

    @Transactional
    public OrderDetails ship(UUID orderId, String carrier, String trackingNumber) {
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> new OrderNotFound(orderId));
        order.ship(carrier, trackingNumber, clock.instant());
        return OrderDetails.of(orders.save(order));
    }

    /** Admin refund through payments: checked against what is left, then sent to Stripe outside any transaction. */
    public RefundView refund(UUID orderId, Optional<Money> amount, String idempotencyKey, String reason) {
        Money refundable = transactions.execute(status -> orders.findById(orderId)
                .orElseThrow(() -> new OrderNotFound(orderId)).refundable());
        Money requested = amount.orElse(refundable);
        if (requested.isZero() || requested.isGreaterThan(refundable)) {
            throw new NotRefundable(new OrderId(orderId),
                    "requested " + requested + " but only " + refundable + " is left to refund");
        }
        // payments takes keys of at most 200 characters; a longer one stands for itself by its hash
        String paymentsKey = idempotencyKey.length() <= 200 ? idempotencyKey
                : "sha256-" + IdempotentRequests.sha256(idempotencyKey);
        try {
            return payments.refund(orderId.toString(), requested, paymentsKey, reason);
        } catch (RefundNotPossible e) {
            throw new NotRefundable(new OrderId(orderId), e.getMessage());
        }
    }

    // --- reactions to payments' events (idempotent: delivery is at least once) -------------------------

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
    public void paymentCanceled(OrderId id, Instant at) {
        transactions.executeWithoutResult(status -> orders.findForUpdate(id.value()).ifPresent(order -> {
            if (order.status() == OrderStatus.PENDING_PAYMENT) {
                order.cancel("payment canceled", at);
                inventory.release(order.stockLines());
                orders.save(order);
            }
        }));
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

    /** Cancels the PaymentIntent of an order just cancelled; a failure is logged, the order stays cancelled. */
    void cancelPaymentQuietly(UUID orderId) {
        try {
            payments.cancel(orderId.toString());
        } catch (RuntimeException e) {
            // the order is cancelled either way; a payment that still succeeds is refunded on arrival
            log.warn("Could not cancel the payment of order {}: {}", orderId, e.getMessage());
        }
    }
}
