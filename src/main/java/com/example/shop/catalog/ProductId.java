package com.example.shop.catalog;

import java.util.Objects;
import java.util.UUID;

/** Identifies a product across modules (other modules keep it as a plain value, never a foreign key). */
public record ProductId(UUID value) {

    public ProductId {
        Objects.requireNonNull(value, "value");
    }

    public static ProductId random() {
        return new ProductId(UUID.randomUUID());
    }

    public static ProductId of(String value) {
        return new ProductId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
