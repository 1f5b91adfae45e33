package com.example.shop.orders.internal;

import java.util.UUID;

/** An order's id and current version, read without the rest of it. */
public record OrderVersion(UUID id, long version) {
}
