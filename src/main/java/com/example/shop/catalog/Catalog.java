package com.example.shop.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog's query API for other modules: current prices and availability per variant, read in one query. */
public interface Catalog {

    /**
     * The highest price a product may have, in minor units (99,999,999.99 in a two-decimal currency).
     * With a cart's limits (99 per line, 100 lines) any cart or order total stays far inside a {@code long}.
     */
    long MAX_PRICE_AMOUNT = 9_999_999_999L;

    Optional<ProductSnapshot> find(VariantId id);

    /** The known variants among {@code ids} (of inactive products too, flagged); unknown ids are absent. */
    Map<VariantId, ProductSnapshot> findAll(Collection<VariantId> ids);

    /** The variants of a product in their order; empty for an unknown product. */
    List<VariantId> variantsOf(ProductId product);
}
