package com.example.shop.cart.internal;

import java.util.Objects;
import java.util.UUID;

/** Identifies one line of a cart. */
public record CartItemId(UUID value) {

    public CartItemId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
