package com.example.shop.payments.internal;

/** A webhook request that does not prove it comes from Stripe (signature missing, wrong or stale). */
public class InvalidWebhook extends RuntimeException {

    public InvalidWebhook(String message) {
        super(message);
    }
}
