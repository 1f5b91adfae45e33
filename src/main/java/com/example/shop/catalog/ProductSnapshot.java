package com.example.shop.catalog;

import com.example.shop.shared.Money;

/**
 * What other modules may know of a product at this moment: its current name and price, whether it is
 * on sale, and how many units are available (on hand minus reserved).
 */
public record ProductSnapshot(ProductId id, String sku, String slug, String name, Money price, boolean active,
        int available) {
}
