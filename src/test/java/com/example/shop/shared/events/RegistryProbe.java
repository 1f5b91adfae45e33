package com.example.shop.shared.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Test scope: a listener of {@link RegistryProbeEvent} that succeeds, fails or blocks as a test tells it
 * (per event name), and counts its deliveries, to drive the event publication registry.
 */
@Component
class RegistryProbe {

    enum Behaviour {
        SUCCEED, FAIL, BLOCK
    }

    private static final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private static volatile CountDownLatch gate = new CountDownLatch(0);

    static void behave(String name, Behaviour behaviour) {
        behaviours.put(name, behaviour);
    }

    static int deliveries(String name) {
        return deliveries.computeIfAbsent(name, it -> new AtomicInteger()).get();
    }

    /** From now on BLOCK waits until {@link #open()}. */
    static void close() {
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RegistryProbeEvent event) throws InterruptedException {
        deliveries.computeIfAbsent(event.name(), it -> new AtomicInteger()).incrementAndGet();
        switch (behaviours.getOrDefault(event.name(), Behaviour.SUCCEED)) {
            case FAIL -> throw new IllegalStateException("Probe " + event.name() + " fails as told");
            case BLOCK -> gate.await(30, TimeUnit.SECONDS);
            case SUCCEED -> {
            }
        }
    }
}
