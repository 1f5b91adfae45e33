package com.example.shop.testsupport;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting for a latch in a test: a failed assertion after 30 s instead of a hang. */
public final class Latches {

    private Latches() {
    }

    /** Waits until the latch is open, at most 30 s; an interruption is kept and fails the caller. */
    public static void awaitOpen(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch opened within 30 s").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
