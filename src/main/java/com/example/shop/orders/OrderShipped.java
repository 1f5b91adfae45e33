package com.example.shop.orders;

import java.time.Instant;

import com.example.shop.customers.CustomerId;

public record OrderShipped(OrderId orderId, CustomerId customerId, String carrier, String trackingNumber, Instant at) {
}
