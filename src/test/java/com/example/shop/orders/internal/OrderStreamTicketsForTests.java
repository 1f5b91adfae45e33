package com.example.shop.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.example.shop.orders.OrderId;
import com.example.shop.testsupport.LocalEnvironment;

/** Tickets the application would have issued, at another time or for any order, signed with the test secret. */
public final class OrderStreamTicketsForTests {

    private OrderStreamTicketsForTests() {
    }

    /** A genuine ticket for the order, issued {@code ago} with a lifetime of {@code ttl}. */
    public static String issued(UUID order, Duration ago, Duration ttl) {
        return new OrderStreamTickets(LocalEnvironment.DEV_JWT_SECRET, ttl,
                Clock.offset(Clock.systemUTC(), ago.negated())).issue(new OrderId(order));
    }
}
