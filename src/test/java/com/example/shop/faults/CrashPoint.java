package com.example.shop.faults;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.example.shop.orders.OrderPlaced;
import com.example.shop.payments.PaymentSucceeded;

/**
 * Halts the JVM ({@link Runtime#halt}: no shutdown hook, no graceful shutdown, as {@code kill -9}) right after
 * the first transaction that publishes an event of the type named by {@code shop.faults.halt-after-commit-of}
 * ({@code OrderPlaced} or {@code PaymentSucceeded}) committed, before any listener of that event
 * ran: the change and its event publications are in the database, nothing else happened. Runs first among the
 * after-commit callbacks ({@link Order} highest precedence), so Spring Modulith has not even handed the event to
 * its asynchronous listeners yet.
 * <p>
 * Also listens to {@code OrderPlaced} itself (a stand-in for the mail and integration listeners to come), so that
 * placing an order leaves a publication that must be delivered after the restart.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CrashPoint {

    @Bean
    Halt crashPointHalt(@Value("${shop.faults.halt-after-commit-of:}") String eventType) {
        return new Halt(eventType);
    }

    @Bean
    OrderPlacedWitness crashPointOrderPlacedWitness() {
        return new OrderPlacedWitness();
    }

    static class Halt {

        private static final Logger log = LoggerFactory.getLogger(Halt.class);

        private final String eventType;

        Halt(String eventType) {
            this.eventType = eventType;
            if (!eventType.isEmpty()) {
                log.warn("Crash point armed: the JVM halts after the first commit that publishes {}", eventType);
            }
        }

        // one method per event type: a listener of Object would make the event publication registry record (and
        // serialize) every application event, the context's own among them
        @Order(Ordered.HIGHEST_PRECEDENCE)
        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        void afterCommit(OrderPlaced event) {
            haltAt(event);
        }

        @Order(Ordered.HIGHEST_PRECEDENCE)
        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
        void afterCommit(PaymentSucceeded event) {
            haltAt(event);
        }

        private void haltAt(Object event) {
            if (event.getClass().getSimpleName().equals(eventType)) {
                log.warn("Crash point: halting after the commit of {}", event);
                Runtime.getRuntime().halt(137);
            }
        }
    }

    static class OrderPlacedWitness {

        private static final Logger log = LoggerFactory.getLogger(OrderPlacedWitness.class);

        @ApplicationModuleListener
        void on(OrderPlaced event) {
            log.info("Crash point witness: OrderPlaced {} delivered", event.orderId());
        }
    }
}
