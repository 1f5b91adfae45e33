package com.example.shop.catalog;

import java.util.Objects;

/** A quantity of one product, as reserved, released or committed through {@link Inventory}. */
public record StockLine(ProductId productId, int quantity) {

    public StockLine {
        Objects.requireNonNull(productId, "productId");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
        }
    }
}
