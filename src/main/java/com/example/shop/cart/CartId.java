package com.example.shop.cart;

import java.util.Objects;
import java.util.UUID;

/** Identifies a cart; for an anonymous cart it is also the capability to use it. */
public record CartId(UUID value) {

    public CartId {
        Objects.requireNonNull(value, "value");
    }

    public static CartId random() {
        return new CartId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
