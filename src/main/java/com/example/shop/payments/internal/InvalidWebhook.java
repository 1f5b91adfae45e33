package com.example.shop.payments.internal;

import org.slf4j.event.Level;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A webhook request that does not prove it comes from Stripe (signature missing, wrong or stale). Logged at
 * WARN: a wrong webhook secret looks like this too, and nobody else would notice.
 */
public class InvalidWebhook extends ShopException {

    public InvalidWebhook(String message) {
        super(new ErrorType("invalid-webhook-signature", "Invalid webhook signature", 400), message);
    }

    @Override
    public Level logLevel() {
        return Level.WARN;
    }
}
