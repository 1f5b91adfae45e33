package com.example.shop.orders.internal;

import java.time.Duration;

import org.slf4j.event.Level;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** This instance holds as many order streams as it may ({@code shop.orders.events.max-streams}). */
public class OrderStreamsFull extends ShopException {

    static final ErrorType TYPE = new ErrorType("too-many-streams", "Too many open streams", 503);

    public OrderStreamsFull(int max) {
        super(TYPE, "This instance holds its maximum of " + max + " order streams; try again shortly.", false);
    }

    @Override
    public Duration retryAfter() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Level logLevel() {
        return Level.WARN;
    }
}
