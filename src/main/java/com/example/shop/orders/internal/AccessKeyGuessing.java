package com.example.shop.orders.internal;

import java.time.Duration;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Too many wrong access keys from this client address, or for this order; try again after {@link #retryAfter()}. */
public class AccessKeyGuessing extends ShopException {

    private final Duration retryAfter;

    AccessKeyGuessing(Duration retryAfter) {
        super(new ErrorType("too-many-requests", "Too many requests", 429),
                "Too many order access keys tried. Try again later.", false);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
