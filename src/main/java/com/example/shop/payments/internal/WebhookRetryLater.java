package com.example.shop.payments.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A verified event that cannot be applied right now (Stripe unreachable for a retrieval, an event that
 * overtook the one it depends on). Nothing was recorded; answering 503 makes Stripe deliver it again.
 * Logged at WARN, since Stripe gives up on an endpoint that keeps failing.
 */
public class WebhookRetryLater extends ShopException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public WebhookRetryLater(String message, @Nullable Throwable cause) {
        super(new ErrorType("webhook-retry-later", "Try again later", 503), message, cause);
    }

    @Override
    public Duration retryAfter() {
        return RETRY_AFTER;
    }

    @Override
    public Level logLevel() {
        return Level.WARN;
    }
}
