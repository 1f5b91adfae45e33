package com.example.shop.payments.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A verified event that cannot be applied right now (Stripe unreachable for a retrieval, an event that
 * overtook the one it depends on). Nothing was recorded; answering 503 makes Stripe deliver it again.
 * Logged at WARN, since Stripe gives up on an endpoint that keeps failing.
 */
public class WebhookRetryLater extends ShopException {

    public WebhookRetryLater(String message, @Nullable Throwable cause) {
        super(new ErrorType("webhook-retry-later", "Try again later", 503), message, cause);
    }

    /** The same wait as when Stripe is out of reach (Stripe itself redelivers on a schedule of its own). */
    @Override
    public Duration retryAfter() {
        return PaymentProviderUnavailable.RETRY_AFTER;
    }

    @Override
    public Level logLevel() {
        return Level.WARN;
    }
}
