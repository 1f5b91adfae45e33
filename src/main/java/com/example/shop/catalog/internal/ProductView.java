package com.example.shop.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.shop.shared.Money;

/**
 * An immutable copy of a product without its stock: what the public caches hold. Availability is added
 * per response (see {@link CatalogQueryService#available}), so stock movements never make a cached view wrong.
 * {@code price} is the lowest price of its variants.
 */
public record ProductView(UUID id, String sku, String slug, String name, String description, Money price,
        List<String> categorySlugs, String imageUrl, boolean active, long version, Instant createdAt,
        Instant updatedAt, List<ProductOption> options, List<VariantView> variants, List<ImageView> images) {

    public ProductView {
        categorySlugs = List.copyOf(categorySlugs);
        options = List.copyOf(options);
        variants = List.copyOf(variants);
        images = List.copyOf(images);
    }

    /** An uploaded image: its immutable URL, alt text, place, and what its bytes are. */
    public record ImageView(UUID id, String url, String alt, int position, String contentType, int width, int height,
            long bytes) {
    }

    /** One variant: its SKU, option values in the options' order (empty without options) and price. */
    public record VariantView(UUID id, String sku, Map<String, String> optionValues, Money price) {
    }
}
