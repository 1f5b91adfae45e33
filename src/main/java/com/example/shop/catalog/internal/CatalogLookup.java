package com.example.shop.catalog.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.example.shop.catalog.Catalog;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.ProductSnapshot;
import com.example.shop.shared.Money;

/**
 * {@link Catalog} for carts and orders: current price and availability straight from the database
 * (never from a cache), all requested products in one primary-key query.
 */
@Service
class CatalogLookup implements Catalog {

    private final JdbcClient jdbc;

    CatalogLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProductSnapshot> find(ProductId id) {
        return Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    @Override
    public Map<ProductId, ProductSnapshot> findAll(Collection<ProductId> ids) {
        Map<ProductId, ProductSnapshot> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT p.id, p.sku, p.slug, p.name, p.price_amount, p.price_currency, p.active,
                       COALESCE(s.on_hand - s.reserved, 0) AS available
                FROM catalog_product p LEFT JOIN catalog_stock s ON s.product_id = p.id
                WHERE p.id IN (:ids)""")
                .param("ids", ids.stream().distinct().map(id -> Uuids.bytes(id.value())).toList())
                .query((rs, n) -> {
                    ProductId id = new ProductId(Uuids.uuid(rs.getBytes("id")));
                    return found.put(id, new ProductSnapshot(id, rs.getString("sku"), rs.getString("slug"),
                            rs.getString("name"), Money.of(rs.getLong("price_amount"), rs.getString("price_currency")),
                            rs.getBoolean("active"), rs.getInt("available")));
                })
                .list();
        return found;
    }
}
