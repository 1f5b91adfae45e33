package com.example.shop.shared.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A subscriber that keeps what it was told, for the tests to look at. */
final class Recorder implements ClusterSubscriber {

    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger missed = new AtomicInteger();

    @Override
    public void received(String message) {
        received.add(message);
    }

    @Override
    public void mayHaveMissed() {
        missed.incrementAndGet();
    }
}
