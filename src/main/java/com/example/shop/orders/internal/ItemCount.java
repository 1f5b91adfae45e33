package com.example.shop.orders.internal;

import java.util.UUID;

/** How many items (the sum of its lines' quantities) an order has: a row of {@link OrderRepository#countItems}. */
record ItemCount(UUID orderId, long items) {
}
