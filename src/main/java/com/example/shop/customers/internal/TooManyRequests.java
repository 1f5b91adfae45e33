package com.example.shop.customers.internal;

import java.time.Duration;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Too many requests of this kind from this client address; try again after {@link #retryAfter()}. */
public class TooManyRequests extends ShopException {

    private final Duration retryAfter;

    public TooManyRequests(Duration retryAfter) {
        this(new ErrorType("too-many-requests", "Too many requests", 429),
                "Too many requests from this address. Try again later.", retryAfter);
    }

    TooManyRequests(ErrorType type, String detail, Duration retryAfter) {
        super(type, detail, false);
        this.retryAfter = retryAfter;
    }

    static void raise(Duration retryAfter) {
        throw new TooManyRequests(retryAfter);
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
