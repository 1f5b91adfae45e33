package com.example.shop.payments.internal;

/**
 * A verified event that cannot be applied right now (Stripe unreachable for a retrieval, an event that
 * overtook the one it depends on). Nothing was recorded; answering 5xx makes Stripe deliver it again.
 */
public class WebhookRetryLater extends RuntimeException {

    public WebhookRetryLater(String message, Throwable cause) {
        super(message, cause);
    }
}
