package com.example.shop.customers.internal;

import java.time.Duration;

/** Too many failed logins for this e-mail or from this client address; try again after {@link #retryAfter()}. */
public class LoginThrottled extends RuntimeException {

    private final Duration retryAfter;

    public LoginThrottled(Duration retryAfter) {
        super("Too many failed login attempts.", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
