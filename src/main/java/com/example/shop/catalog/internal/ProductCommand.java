package com.example.shop.catalog.internal;

import java.util.List;

/** An admin's description of a product, for creating or revising it; {@code priceCurrency} null means the shop's. */
public record ProductCommand(String sku, String slug, String name, String description, long priceAmount,
        String priceCurrency, List<String> categorySlugs, String imageUrl, boolean active) {

    public ProductCommand {
        categorySlugs = categorySlugs == null ? List.of() : List.copyOf(categorySlugs);
    }
}
