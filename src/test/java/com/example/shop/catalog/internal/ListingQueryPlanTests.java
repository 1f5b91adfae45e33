package com.example.shop.catalog.internal;

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
import org.springframework.jdbc.core.simple.JdbcClient;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.testsupport.IntegrationTest;

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
    CatalogAdministration admin;

    @Autowired
    CategoryDirectory categories;

    String category;

    @BeforeAll
    void someProducts() {
        CatalogTestData data = new CatalogTestData(admin);
        category = CatalogTestData.word();
        data.category(category, null);
        for (int i = 0; i < 30; i++) {
            data.product("Plan probe " + i, "Wool blanket number " + i, 100 + i, 1, category);
        }
        jdbc.sql("ANALYZE TABLE catalog_product, catalog_product_category, catalog_stock").query().listOfRows();
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
        ProductSearch.Sql sql = ProductSearch.sql(ListingQuery.of(null, category, 100L, 5000L, 0, 20, "price"), ids);

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
}
