package com.example.shop.orders;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.customers.CustomerId;

/**
 * What every order event tells: which event it is ({@link #eventId()}, made once when the order registered it, so
 * every redelivery of the event carries the same one: a listener deduplicates on it), which order, whose, the
 * address the buyer gave for mail, and when it happened.
 */
public sealed interface OrderEvent permits OrderPlaced, OrderPaid, OrderShipped, OrderRefunded, OrderCancelled {

    UUID eventId();

    OrderId orderId();

    /** The customer; null for a guest order nobody had claimed when the event happened. */
    @Nullable
    CustomerId customerId();

    /** The buyer's e-mail address as the order keeps it; null only for an order placed before orders kept it. */
    @Nullable
    String email();

    Instant occurredAt();
}
