package com.example.shop.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.example.shop.orders.OrderId;
import com.example.shop.payments.PaymentStatus;
import com.example.shop.payments.PaymentView;
import com.example.shop.payments.Payments;

/**
 * Cancels orders left unpaid for {@code shop.orders.payment-timeout}: stock back on the shelf, the
 * PaymentIntent cancelled.
 * <ul>
 * <li>Payments is asked first (its own records, no Stripe call): an order whose payment is
 * {@code PROCESSING} (a delayed method such as SEPA Direct Debit) or already captured (the
 * {@code PaymentSucceeded} delivery to orders is still pending or being retried) is kept this round.</li>
 * <li>Each order is handled on its own: one that cannot be cancelled (a lock timeout, inconsistent stock)
 * is logged and retried on the next run, and the others are still cancelled. How many keep failing is the
 * gauge {@code shop.orders.payment-timeout.failing}.</li>
 * <li>Each cancellation is a conditional transition under the order's row lock, so several instances
 * running this at once cancel each order once.</li>
 * </ul>
 */
@Component
public class PaymentTimeout {

    private static final Logger log = LoggerFactory.getLogger(PaymentTimeout.class);

    private static final int BATCH = 200;

    /** What the job did with one due order. */
    enum Outcome {
        CANCELLED, KEPT_FOR_PAYMENT, NOT_DUE_ANY_MORE
    }

    private final OrderRepository orders;
    private final Payments payments;
    private final OrderLifecycleService lifecycle;
    private final Clock clock = Clock.systemUTC();
    private final Duration paymentTimeout;
    /** Orders kept on the last run because of their payment, and orders that failed (with how often in a row). */
    private final Set<UUID> kept = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Integer> failing = new ConcurrentHashMap<>();

    PaymentTimeout(OrderRepository orders, Payments payments, OrderLifecycleService lifecycle, MeterRegistry meters,
            @Value("${shop.orders.payment-timeout:30m}") Duration paymentTimeout) {
        this.orders = orders;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.paymentTimeout = paymentTimeout;
        Gauge.builder("shop.orders.payment-timeout.failing", failing, Map::size)
                .description("Unpaid orders past the payment timeout that could not be cancelled on the last attempt")
                .register(meters);
    }

    /**
     * The scheduled run, on one instance at a time. At most 15 minutes: a batch of cancellations each waiting on
     * Stripe for up to ~47 s when it hangs; a run beyond that overlapping another instance's is still safe (each
     * cancellation is a conditional transition under the order's row lock). At least 30 s: instances whose
     * schedules fall close together do not run it back to back.
     */
    @Scheduled(fixedDelayString = "${shop.orders.payment-timeout-check:1m}", initialDelayString = "${shop.orders.payment-timeout-initial-delay:1m}")
    @SchedulerLock(name = "orders.payment-timeout", lockAtMostFor = "15m", lockAtLeastFor = "30s")
    public void scheduledRun() {
        cancelUnpaidOrders();
    }

    /** @return how many orders this run cancelled */
    public int cancelUnpaidOrders() {
        Instant cutoff = clock.instant().minus(paymentTimeout);
        // the oldest come first; orders kept or failing last time are still due, so they must not crowd out the rest
        List<UUID> due = orders.findIdsByStatusCreatedBefore(OrderStatus.PENDING_PAYMENT, cutoff,
                PageRequest.of(0, BATCH + kept.size() + failing.size()));
        Set<UUID> keptNow = new HashSet<>();
        int cancelled = 0;
        for (UUID orderId : due) {
            try {
                Outcome outcome = timeOut(orderId);
                failing.remove(orderId);
                if (outcome == Outcome.CANCELLED) {
                    cancelled++;
                } else if (outcome == Outcome.KEPT_FOR_PAYMENT) {
                    keptNow.add(orderId);
                }
            } catch (RuntimeException e) {
                int times = failing.merge(orderId, 1, Integer::sum);
                if (times == 1) {
                    log.error("Could not cancel unpaid order {}; it is tried again on the next run", orderId, e);
                } else {
                    log.error("Could not cancel unpaid order {} ({} runs in a row): {}", orderId, times, e.toString());
                }
            }
        }
        kept.retainAll(keptNow);
        kept.addAll(keptNow);
        failing.keySet().retainAll(due);
        if (cancelled > 0) {
            log.info("Cancelled {} order(s) unpaid for more than {}", cancelled, paymentTimeout);
        }
        return cancelled;
    }

    private Outcome timeOut(UUID orderId) {
        Optional<PaymentStatus> payment = payments.find(orderId.toString()).map(PaymentView::status);
        if (payment.filter(status -> status == PaymentStatus.PROCESSING).isPresent()) {
            log.debug("Order {} is past the payment timeout but its payment is processing at Stripe: kept", orderId);
            return Outcome.KEPT_FOR_PAYMENT;
        }
        if (payment.filter(PaymentStatus::isCaptured).isPresent()) {
            log.warn("Order {} is past the payment timeout and paid at Stripe, but not confirmed here yet: kept for "
                    + "the PaymentSucceeded delivery", orderId);
            return Outcome.KEPT_FOR_PAYMENT;
        }
        OrderId order = new OrderId(orderId);
        if (!lifecycle.cancelIfUnpaid(order, "payment timeout", clock.instant())) {
            return Outcome.NOT_DUE_ANY_MORE;
        }
        lifecycle.cancelPaymentQuietly(order);
        return Outcome.CANCELLED;
    }
}
