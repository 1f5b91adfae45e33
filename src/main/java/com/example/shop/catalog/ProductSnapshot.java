package com.example.shop.catalog;

import java.util.Map;

import com.example.shop.shared.Money;

/**
 * What other modules may know of one variant of a product at this moment: its SKU, option values (empty for
 * a product without options) and current price, the product's name, whether it is on sale, and how many
 * units of the variant are available (on hand minus reserved).
 */
public record ProductSnapshot(ProductId id, VariantId variantId, String sku, String slug, String name,
        Map<String, String> optionValues, Money price, boolean active, int available) {

    public ProductSnapshot {
        optionValues = Map.copyOf(optionValues);
    }
}
