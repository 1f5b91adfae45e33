package com.example.shop.catalog.internal;

import java.util.Objects;
import java.util.UUID;

/** Identifies a category (inside the catalog: other modules know products, not categories). */
public record CategoryId(UUID value) {

    public CategoryId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
