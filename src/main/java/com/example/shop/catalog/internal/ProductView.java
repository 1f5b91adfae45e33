package com.example.shop.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.shop.shared.Money;

/**
 * An immutable copy of a product without its stock: what the public caches hold. Availability is added
 * per response (see {@link CatalogQueryService#available}), so stock movements never make a cached view wrong.
 */
public record ProductView(UUID id, String sku, String slug, String name, String description, Money price,
        List<String> categorySlugs, String imageUrl, boolean active, long version, Instant createdAt,
        Instant updatedAt) {

    public ProductView {
        categorySlugs = List.copyOf(categorySlugs);
    }
}
