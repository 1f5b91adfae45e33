package com.example.shop.catalog.internal;

import java.util.List;
import java.util.Map;

/**
 * An admin's description of a product, for creating or revising it; {@code priceCurrency} null means the
 * shop's, {@code active} null means on sale for a new product and unchanged for an existing one. Without
 * {@code variants} the product has one variant of {@code sku} and {@code priceAmount}; with them, the price is
 * the default of each variant that names none, and {@code sku} (optional) the product's own reference.
 */
public record ProductCommand(String sku, String slug, String name, String description, Long priceAmount,
        String priceCurrency, List<String> categorySlugs, String imageUrl, Boolean active,
        List<ProductOption> options, List<VariantCommand> variants) {

    public ProductCommand {
        categorySlugs = categorySlugs == null ? List.of() : List.copyOf(categorySlugs);
        options = options == null ? List.of() : List.copyOf(options);
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A product without options: one variant of {@code sku} and {@code priceAmount}. */
    public ProductCommand(String sku, String slug, String name, String description, long priceAmount,
            String priceCurrency, List<String> categorySlugs, String imageUrl, Boolean active) {
        this(sku, slug, name, description, Long.valueOf(priceAmount), priceCurrency, categorySlugs, imageUrl, active,
                List.of(), List.of());
    }

    /** One variant; {@code stock} is its units on hand (null: 0 for a new variant, unchanged for a kept one). */
    public record VariantCommand(String sku, Map<String, String> optionValues, Long priceAmount, String priceCurrency,
            Integer stock) {
    }
}
