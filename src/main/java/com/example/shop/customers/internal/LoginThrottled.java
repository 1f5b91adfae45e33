package com.example.shop.customers.internal;

import java.time.Duration;

import com.example.shop.shared.ErrorType;

/** Too many failed logins for this e-mail or from this client address; try again after {@link #retryAfter()}. */
public class LoginThrottled extends TooManyRequests {

    public LoginThrottled(Duration retryAfter) {
        super(new ErrorType("too-many-login-attempts", "Too many login attempts", 429),
                "Too many failed login attempts. Try again later.", retryAfter);
    }
}
