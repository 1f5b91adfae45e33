package com.example.shop.orders;

import java.time.Instant;

import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

/** A checkout created an order and reserved its stock; payment has not been made yet. */
public record OrderPlaced(OrderId orderId, CustomerId customerId, Money total, int itemCount, Instant at) {
}
