package com.example.shop.catalog.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.shop.shared.persistence.BinaryUuids;

/**
 * The listing's SQL: a count and one page of ids, both on {@code catalog_product} with only indexed
 * predicates — the FULLTEXT index for {@code q} (the (active, name) index for its name prefix
 * fallback), the (category_id, product_id) index for the category filter, and an (active, sort column)
 * index for each sort. The sort column comes from a whitelist
 * ({@link ListingQuery.SortField}); every value is a bind parameter.
 */
@Component
class ProductSearch {

    record Sql(String count, String page, Map<String, Object> params) {
    }

    private final JdbcClient jdbc;

    ProductSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Result(List<UUID> ids, long total) {
    }

    Result search(ListingQuery query, Collection<UUID> categoryIds) {
        Sql sql = sql(query, categoryIds);
        long total = statement(sql.count(), sql.params()).query(Long.class).single();
        if (total <= query.offset()) {
            return new Result(List.of(), total);
        }
        List<UUID> ids = statement(sql.page(), sql.params()).query((rs, n) -> BinaryUuids.uuid(rs.getBytes(1))).list();
        return new Result(ids, total);
    }

    /** The statements for a query; package-visible so a test can EXPLAIN them. */
    static Sql sql(ListingQuery query, Collection<UUID> categoryIds) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder(" WHERE p.active = TRUE");
        SearchTerms search = query.search();
        if (search.usesFullText()) {
            where.append(" AND MATCH (p.name, p.description) AGAINST (:terms IN BOOLEAN MODE)");
            params.put("terms", search.booleanQuery());
        } else if (search.namePrefix() != null) {
            where.append(" AND p.name LIKE :namePrefix");
            params.put("namePrefix", search.likePattern());
        }
        if (categoryIds != null) {
            where.append(" AND p.id IN (SELECT pc.product_id FROM catalog_product_category pc"
                    + " WHERE pc.category_id IN (:categoryIds))");
            params.put("categoryIds", categoryIds.stream().map(BinaryUuids::bytes).toList());
        }
        if (query.minPrice() != null) {
            where.append(" AND p.price_amount >= :minPrice");
            params.put("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            where.append(" AND p.price_amount <= :maxPrice");
            params.put("maxPrice", query.maxPrice());
        }
        String direction = query.descending() ? " DESC" : " ASC";
        String order = query.sortField() == ListingQuery.SortField.RELEVANCE
                ? "MATCH (p.name, p.description) AGAINST (:terms IN BOOLEAN MODE) DESC, p.id ASC"
                : query.sortField().column() + direction + ", p.id" + direction;
        String count = "SELECT COUNT(*) FROM catalog_product p" + where;
        String page = "SELECT p.id FROM catalog_product p" + where + " ORDER BY " + order
                + " LIMIT " + query.size() + " OFFSET " + query.offset();
        return new Sql(count, page, params);
    }

    JdbcClient.StatementSpec statement(String sql, Map<String, Object> params) {
        return jdbc.sql(sql).params(params);
    }
}
