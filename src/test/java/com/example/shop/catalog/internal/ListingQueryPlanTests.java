package com.example.shop.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.shared.persistence.BinaryUuids;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement the listing runs is served by an index: the EXPLAIN of each, on the real server,
 * names the index it uses (printed to the test log as well).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingQueryPlanTests {

    private static final Logger log = LoggerFactory.getLogger(ListingQueryPlanTests.class);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    CommittedSql committed;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    CategoryDirectory categories;

    /** The probe products' prices, a range no other test uses. */
    static final long PRICE = 7_700_100;

    String category;

    /**
     * 30 probe products among 300 others, so that their name prefix, price range and category are as
     * selective as a filter is in a real catalog (on a table of 30 rows a full scan is the cheapest plan).
     */
    @BeforeAll
    void someProducts() {
        CatalogTestData data = new CatalogTestData(admin);
        category = CatalogTestData.word();
        data.category(category, null);
        for (int i = 0; i < 30; i++) {
            data.product("Qx plan probe " + i, "Wool blanket number " + i, PRICE + i, 1, category);
        }
        // the others are only rows to read past: inserted in one batch, which is much faster than 300 creations
        List<Object[]> fillers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String word = CatalogTestData.word();
            fillers.add(new Object[] {BinaryUuids.bytes(UUID.randomUUID()), "FILL-" + word, word, "Filler " + word,
                    10L * i});
        }
        committed.batchUpdate("""
                INSERT INTO catalog_product (id, sku, slug, name, description, price_amount, price_currency, active,
                                             version, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'Something else', ?, 'EUR', TRUE, 0, NOW(6), NOW(6))""", fillers);
        committed.batchUpdate("""
                INSERT INTO catalog_variant (id, product_id, position, sku, option_values, price_amount, price_currency)
                VALUES (?, ?, 0, ?, '{}', ?, 'EUR')""",
                fillers.stream().map(filler -> new Object[] {filler[0], filler[0], filler[1], filler[4]}).toList());
        committed.batchUpdate("INSERT INTO catalog_stock (variant_id, product_id, on_hand, reserved) VALUES (?, ?, 1, 0)",
                fillers.stream().map(filler -> new Object[] {filler[0], filler[0]}).toList());
        jdbc.sql("ANALYZE TABLE catalog_product, catalog_product_category, catalog_variant, catalog_stock").query().listOfRows();
    }

    List<Map<String, Object>> explain(String sql, Map<String, Object> params) {
        List<Map<String, Object>> rows = jdbc.sql("EXPLAIN " + sql).params(params).query().listOfRows();
        log.info("EXPLAIN {}\n{}", sql, rows.stream().map(Object::toString).reduce((a, b) -> a + "\n" + b).orElse(""));
        return rows;
    }

    static Map<String, Object> row(List<Map<String, Object>> rows, String table) {
        return rows.stream().filter(r -> table.equals(r.get("table"))).findFirst().orElseThrow();
    }

    @Test
    void textSearchUsesTheFullTextIndex() {
        ProductSearch.Sql sql = ProductSearch.sql(ListingQuery.of("wool blanket", null, null, null, 0, 20, null), null);

        for (String statement : List.of(sql.count(), sql.page())) {
            Map<String, Object> product = row(explain(statement, sql.params()), "p");
            assertThat(product.get("type")).isEqualTo("fulltext");
            assertThat(product.get("key")).isEqualTo("ft_catalog_product_text");
        }
    }

    @Test
    void categoryFilterUsesTheCategoryIndexAndPrimaryKeys() {
        Set<UUID> ids = CategoryDirectory.subtree(categories.all(), category).orElseThrow();
        ProductSearch.Sql sql = ProductSearch.sql(ListingQuery.of(null, category, PRICE, PRICE + 5000, 0, 20, "price"), ids);

        for (String statement : List.of(sql.count(), sql.page())) {
            List<Map<String, Object>> rows = explain(statement, sql.params());
            assertThat(rows).allSatisfy(r -> assertThat(r.get("key")).isNotNull());
            assertThat(rows.stream().map(r -> String.valueOf(r.get("key"))))
                    .anyMatch(key -> key.equals("ix_catalog_product_category_category") || key.equals("PRIMARY"));
        }
    }

    @Test
    void everySortReadsItsIndexInOrder() {
        Map<String, String> indexFor = Map.of("name", "ix_catalog_product_active_name",
                "price", "ix_catalog_product_active_price", "createdAt", "ix_catalog_product_active_created");
        indexFor.forEach((sort, index) -> {
            for (String direction : List.of("asc", "desc")) {
                ProductSearch.Sql sql = ProductSearch.sql(
                        ListingQuery.of(null, null, null, null, 0, 20, sort + "," + direction), null);
                Map<String, Object> product = row(explain(sql.page(), sql.params()), "p");
                assertThat(product.get("key")).as(sort + "," + direction).isEqualTo(index);
                assertThat(String.valueOf(product.get("Extra"))).as(sort + "," + direction).doesNotContain("filesort");
            }
        });
        ProductSearch.Sql count = ProductSearch.sql(ListingQuery.of(null, null, null, null, 0, 20, null), null);
        assertThat(row(explain(count.count(), count.params()), "p").get("key")).isNotNull();
    }

    /** Each row of the plan reads through an index: none is a full table scan. */
    static void assertIndexed(List<Map<String, Object>> rows, String statement) {
        assertThat(rows).as(statement).allSatisfy(r -> {
            assertThat(r.get("key")).as(statement).isNotNull();
            assertThat(r.get("type")).as(statement).isNotEqualTo("ALL");
        });
    }

    @Test
    void shortWordSearchReadsTheNameIndexAsARange() {
        // "qx" is too short for the full-text index: a name prefix match, in name order
        ProductSearch.Sql sql = ProductSearch.sql(ListingQuery.of("qx", null, null, null, 0, 20, null), null);
        assertThat(sql.page()).contains("LIKE").doesNotContain("MATCH");

        for (String statement : List.of(sql.count(), sql.page())) {
            Map<String, Object> product = row(explain(statement, sql.params()), "p");
            assertThat(product.get("key")).as(statement).isEqualTo("ix_catalog_product_active_name");
            assertThat(product.get("type")).as(statement).isEqualTo("range");
            assertThat(String.valueOf(product.get("Extra"))).as(statement).doesNotContain("filesort");
        }
        // in another order the matches are read the same way, then sorted
        for (String sort : List.of("price,desc", "createdAt")) {
            ProductSearch.Sql other = ProductSearch.sql(ListingQuery.of("qx", null, null, null, 0, 20, sort), null);
            assertIndexed(explain(other.page(), other.params()), other.page());
        }
    }

    @Test
    void priceOnlyFiltersUseAnIndex() {
        for (String sort : List.of("name", "price", "createdAt,desc")) {
            ProductSearch.Sql sql = ProductSearch.sql(ListingQuery.of(null, null, PRICE, PRICE + 20, 0, 20, sort), null);
            for (String statement : List.of(sql.count(), sql.page())) {
                assertIndexed(explain(statement, sql.params()), statement);
            }
        }
        ProductSearch.Sql byPrice = ProductSearch.sql(ListingQuery.of(null, null, PRICE, PRICE + 20, 0, 20, "price"), null);
        Map<String, Object> product = row(explain(byPrice.page(), byPrice.params()), "p");
        assertThat(product.get("key")).isEqualTo("ix_catalog_product_active_price");
        assertThat(String.valueOf(product.get("Extra"))).doesNotContain("filesort");
    }

    @Test
    void textSearchWithACategoryOrAnotherOrderStillUsesTheFullTextIndex() {
        Set<UUID> ids = CategoryDirectory.subtree(categories.all(), category).orElseThrow();
        ProductSearch.Sql withCategory = ProductSearch.sql(
                ListingQuery.of("wool blanket", category, null, null, 0, 20, null), ids);
        for (String statement : List.of(withCategory.count(), withCategory.page())) {
            List<Map<String, Object>> rows = explain(statement, withCategory.params());
            assertThat(row(rows, "p").get("key")).isEqualTo("ft_catalog_product_text");
            assertIndexed(rows, statement);
        }
        for (String sort : List.of("price,desc", "name", "createdAt")) {
            ProductSearch.Sql other = ProductSearch.sql(ListingQuery.of("wool blanket", null, null, null, 0, 20, sort), null);
            Map<String, Object> product = row(explain(other.page(), other.params()), "p");
            assertThat(product.get("type")).as(sort).isEqualTo("fulltext");
            assertThat(product.get("key")).as(sort).isEqualTo("ft_catalog_product_text");
        }
    }
}
