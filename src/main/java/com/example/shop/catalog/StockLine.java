package com.example.shop.catalog;

import java.util.Objects;

/** A quantity of one product variant, as reserved, released or committed through {@link Inventory}. */
public record StockLine(VariantId variantId, int quantity) {

    public StockLine {
        Objects.requireNonNull(variantId, "variantId");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
        }
    }
}
