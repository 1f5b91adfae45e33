package com.example.shop.catalog;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one variant of a product (a size, a colour...), the unit that has a SKU, a price and stock.
 * A product created without options has one variant whose id is the product's own id.
 */
public record VariantId(UUID value) {

    public VariantId {
        Objects.requireNonNull(value, "value");
    }

    public static VariantId of(String value) {
        return new VariantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
