package com.example.shop.orders;

import java.time.Instant;

import com.example.shop.customers.CustomerId;

/** The order will not be paid: cancelled by the customer or an admin, by the payment, or by the payment timeout. */
public record OrderCancelled(OrderId orderId, CustomerId customerId, String reason, Instant at) {
}
