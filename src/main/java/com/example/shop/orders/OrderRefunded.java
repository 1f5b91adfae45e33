package com.example.shop.orders;

import java.time.Instant;

import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

/** Money went back to the customer; {@code totalRefunded} is everything refunded on the order so far. */
public record OrderRefunded(OrderId orderId, CustomerId customerId, Money totalRefunded, boolean fullyRefunded,
        Instant at) {
}
