package com.example.shop.catalog.internal;

import java.util.Objects;
import java.util.UUID;

/** Identifies an uploaded product image. */
public record ImageId(UUID value) {

    public ImageId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
