package com.example.shop.payments.internal;

/** The acknowledgement of a verified Stripe event: what became of it. */
public record WebhookResult(String eventId, String type, String outcome) {

    static final String DUPLICATE = "duplicate";
    static final String IGNORED_TYPE = "ignored-type";
}
