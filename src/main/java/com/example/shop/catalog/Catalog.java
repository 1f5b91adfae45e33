package com.example.shop.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The catalog's query API for other modules: current prices and availability, read in one query. */
public interface Catalog {

    Optional<ProductSnapshot> find(ProductId id);

    /** The known products among {@code ids} (inactive ones included, flagged); unknown ids are absent. */
    Map<ProductId, ProductSnapshot> findAll(Collection<ProductId> ids);
}
