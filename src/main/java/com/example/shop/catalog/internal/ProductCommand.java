package com.example.shop.catalog.internal;

import java.util.List;

/**
 * An admin's description of a product, for creating or revising it; {@code priceCurrency} null means the
 * shop's, {@code active} null means on sale for a new product and unchanged for an existing one.
 */
public record ProductCommand(String sku, String slug, String name, String description, long priceAmount,
        String priceCurrency, List<String> categorySlugs, String imageUrl, Boolean active) {

    public ProductCommand {
        categorySlugs = categorySlugs == null ? List.of() : List.copyOf(categorySlugs);
    }
}
