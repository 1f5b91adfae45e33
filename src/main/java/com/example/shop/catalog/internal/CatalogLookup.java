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
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.BinaryUuids;

/**
 * {@link Catalog} for carts and orders: current price and availability of variants straight from the
 * database (never from a cache), all requested variants in one primary-key query.
 */
@Service
class CatalogLookup implements Catalog {

    private static final JsonColumns.OptionValues OPTION_VALUES = new JsonColumns.OptionValues();

    private final JdbcClient jdbc;

    CatalogLookup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProductSnapshot> find(VariantId id) {
        return Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    @Override
    public Map<VariantId, ProductSnapshot> findAll(Collection<VariantId> ids) {
        Map<VariantId, ProductSnapshot> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT v.id, v.product_id, v.sku, p.slug, p.name, v.option_values, v.price_amount, v.price_currency,
                       p.active, COALESCE(s.on_hand - s.reserved, 0) AS available
                FROM catalog_variant v JOIN catalog_product p ON p.id = v.product_id
                     LEFT JOIN catalog_stock s ON s.variant_id = v.id
                WHERE v.id IN (:ids)""")
                .param("ids", ids.stream().distinct().map(id -> BinaryUuids.bytes(id.value())).toList())
                .query((rs, n) -> {
                    VariantId id = new VariantId(BinaryUuids.uuid(rs.getBytes("id")));
                    ProductId product = new ProductId(BinaryUuids.uuid(rs.getBytes("product_id")));
                    return found.put(id, new ProductSnapshot(product, id,
                            rs.getString("sku"), rs.getString("slug"), rs.getString("name"),
                            OPTION_VALUES.convertToEntityAttribute(rs.getString("option_values")),
                            Money.of(rs.getLong("price_amount"), rs.getString("price_currency")),
                            rs.getBoolean("active"), rs.getInt("available")));
                })
                .list();
        return found;
    }

    @Override
    public List<VariantId> variantsOf(ProductId product) {
        return jdbc.sql("SELECT id FROM catalog_variant WHERE product_id = :id ORDER BY position")
                .param("id", BinaryUuids.bytes(product.value()))
                .query((rs, n) -> new VariantId(BinaryUuids.uuid(rs.getBytes(1))))
                .list();
    }
}
