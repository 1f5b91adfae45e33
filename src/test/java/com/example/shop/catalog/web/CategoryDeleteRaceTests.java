package com.example.shop.catalog.web;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.catalog.internal.CategoryId;
import com.example.shop.catalog.internal.CategoryView;
import com.example.shop.catalog.internal.ProductCommand;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Latches;
import com.example.shop.testsupport.LockWaits;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A category deleted while a product is saved into it: whichever commits first, the other gets a 409
 * that says what happened. The interleaving is forced: one side holds its transaction open, the other
 * runs until the database makes it wait for that side's row lock, and only then the first side commits.
 */
@IntegrationTest
class CategoryDeleteRaceTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aProductSavedIntoACategoryBeingDeletedIsAConflict() throws Exception {
        CategoryView category = new CatalogTestData(admin).category(CatalogTestData.word(), null);
        CountDownLatch deleted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> deletion = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            admin.deleteCategory(new CategoryId(category.id())); // deleted, not yet committed: the row stays locked
            deleted.countDown();
            Latches.awaitOpen(commit);
        }));
        assertThat(deleted.await(30, TimeUnit.SECONDS)).isTrue();

        // the creation still sees the category, inserts, and waits for the deletion's lock on it
        CompletableFuture<MockHttpServletResponse> creation = CompletableFuture.supplyAsync(() -> createProductIn(category.slug()));
        LockWaits.awaitLockWaits(jdbc, 1, "catalog_");
        commit.countDown();
        deletion.get(30, TimeUnit.SECONDS);

        MockHttpServletResponse response = creation.get(30, TimeUnit.SECONDS);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String body = response.getContentAsString();
        assertThat((String) JsonPath.read(body, "$.type")).isEqualTo("https://shop.example/problems/concurrent-change");
        assertThat((String) JsonPath.read(body, "$.detail")).contains("category").contains(category.slug());
    }

    @Test
    void aCategoryDeletedWhileAProductIsSavedIntoItIsAConflict() throws Exception {
        CategoryView category = new CatalogTestData(admin).category(CatalogTestData.word(), null);
        CountDownLatch saved = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> creation = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            admin.createProduct(new ProductCommand("SKU-" + UUID.randomUUID(), CatalogTestData.word(), "Racing product",
                    "", 100, null, List.of(category.slug()), null, true), 1); // inserted, not yet committed
            saved.countDown();
            Latches.awaitOpen(commit);
        }));
        assertThat(saved.await(30, TimeUnit.SECONDS)).isTrue();

        // the deletion does not see the uncommitted product, deletes, and waits for the product's link row
        CompletableFuture<MockHttpServletResponse> deletion = CompletableFuture.supplyAsync(() -> call(() ->
                mvc.perform(delete("/api/admin/categories/" + category.id())
                        .header(HttpHeaders.AUTHORIZATION, Tokens.admin())).andReturn().getResponse()));
        LockWaits.awaitLockWaits(jdbc, 1, "catalog_");
        commit.countDown();
        creation.get(30, TimeUnit.SECONDS);

        MockHttpServletResponse response = deletion.get(30, TimeUnit.SECONDS);
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat((String) JsonPath.read(response.getContentAsString(), "$.type"))
                .isEqualTo("https://shop.example/problems/category-in-use");
        assertThat(jdbc.queryForObject("select count(*) from catalog_category where slug = ?", Integer.class,
                category.slug())).isEqualTo(1);
    }

    private MockHttpServletResponse createProductIn(String categorySlug) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return call(() -> mvc.perform(post("/api/admin/products").header(HttpHeaders.AUTHORIZATION, Tokens.admin())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"sku": "R-%s", "slug": "r-%s", "name": "Racing product", "price": 100,
                         "categorySlugs": ["%s"], "stock": 1}""".formatted(unique, unique, categorySlug)))
                .andReturn().getResponse());
    }

    interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
