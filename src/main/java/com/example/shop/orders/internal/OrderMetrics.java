package com.example.shop.orders.internal;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;

/**
 * Counts the orders' lifecycle from the orders' own events: {@code shop.orders.placed}, {@code shop.orders.paid},
 * {@code shop.orders.cancelled} (tagged with the reason) and {@code shop.orders.refunded} (tagged full or
 * partial). Counted when the transaction that published the event commits, never for one rolled back.
 * <p>
 * A plain {@code @EventListener} with a transaction synchronisation, not an {@code @ApplicationModuleListener}
 * or {@code @TransactionalEventListener}: those are recorded in the event publication registry, and a
 * database row per counted event is a price no metric is worth.
 */
@Component
class OrderMetrics {

    private final MeterRegistry meters;
    private final Counter placed;
    private final Counter paid;

    OrderMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.placed = Counter.builder("shop.orders.placed").description("Orders placed by a checkout").register(meters);
        this.paid = Counter.builder("shop.orders.paid").description("Orders whose payment succeeded").register(meters);
    }

    @EventListener
    void on(OrderPlaced event) {
        afterCommit(placed);
    }

    @EventListener
    void on(OrderPaid event) {
        afterCommit(paid);
    }

    @EventListener
    void on(OrderCancelled event) {
        afterCommit(Counter.builder("shop.orders.cancelled").description("Orders cancelled, by reason")
                .tag("reason", tagValue(event.reason())).register(meters));
    }

    @EventListener
    void on(OrderRefunded event) {
        afterCommit(Counter.builder("shop.orders.refunded").description("Refunds applied to orders")
                .tag("extent", event.fullyRefunded() ? "full" : "partial").register(meters));
    }

    /** The reasons are the code's own few phrases; as a tag, lower-case words joined by '-'. */
    static String tagValue(String reason) {
        String slug = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() || slug.length() > 40 ? "other" : slug;
    }

    private static void afterCommit(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
