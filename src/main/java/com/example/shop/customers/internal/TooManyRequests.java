package com.example.shop.customers.internal;

import java.time.Duration;

/** Too many requests of this kind from this client address; try again after {@link #retryAfter()}. */
public class TooManyRequests extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequests(Duration retryAfter) {
        super("Too many requests from this address.", null, false, false);
        this.retryAfter = retryAfter;
    }

    static void raise(Duration retryAfter) {
        throw new TooManyRequests(retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
