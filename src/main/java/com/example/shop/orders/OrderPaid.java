package com.example.shop.orders;

import java.time.Instant;

import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

/** The order's payment succeeded (exactly once per order); its stock moved from reserved to sold. */
public record OrderPaid(OrderId orderId, CustomerId customerId, Money total, String paymentIntentId, Instant at) {
}
