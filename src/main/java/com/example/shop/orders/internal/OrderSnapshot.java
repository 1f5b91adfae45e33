package com.example.shop.orders.internal;

/** An order as read at one moment, with the version it had then (it grows with every change). */
public record OrderSnapshot(OrderDetails details, long version) {
}
