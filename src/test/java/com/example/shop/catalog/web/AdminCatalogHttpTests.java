package com.example.shop.catalog.web;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Product, category and stock administration over HTTP, on the real database. */
@IntegrationTest
class AdminCatalogHttpTests {

    static final String ADMIN = Tokens.admin();

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    Inventory inventory;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    static String productBody(String sku, String slug, long price, String categories, Integer stock) {
        return """
                {"sku": "%s", "slug": "%s", "name": "Merino socks", "description": "Warm wool socks",
                 "price": {"amount": %d, "currency": "EUR"}, "categorySlugs": [%s],
                 "imageUrl": "https://img.example/socks.jpg"%s}
                """.formatted(sku, slug, price, categories, stock == null ? "" : ", \"stock\": " + stock);
    }

    ResultActions as(String token, MockHttpServletRequestBuilder request, String body) throws Exception {
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    JsonNode create(String body) throws Exception {
        String response = as(ADMIN, post("/api/admin/products"), body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(response);
    }

    String category(String parent) throws Exception {
        String slug = CatalogTestData.word();
        as(ADMIN, post("/api/admin/categories"), parent == null ? """
                {"slug": "%s", "name": "Cat %s"}""".formatted(slug, slug) : """
                {"slug": "%s", "name": "Cat %s", "parentSlug": "%s"}""".formatted(slug, slug, parent))
                .andExpect(status().isCreated());
        return slug;
    }

    @Test
    void createsAProductWithStockAndCategories() throws Exception {
        String cat = category(null);
        String sku = "SOCK-" + UUID.randomUUID();
        String slug = CatalogTestData.word() + "-socks";

        as(ADMIN, post("/api/admin/products"), productBody(sku, slug, 1299, "\"" + cat + "\"", 7))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/admin/products/")))
                .andExpect(jsonPath("$.sku").value(sku))
                .andExpect(jsonPath("$.slug").value(slug))
                .andExpect(jsonPath("$.price.amount").value(1299))
                .andExpect(jsonPath("$.price.currency").value("EUR"))
                .andExpect(jsonPath("$.categorySlugs[0]").value(cat))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.version").value(0))
                .andExpect(jsonPath("$.stock.onHand").value(7))
                .andExpect(jsonPath("$.stock.available").value(7));

        as(null, get("/api/products/" + slug), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.availableQuantity").value(7));
    }

    @Test
    void aPriceMayBeJustTheAmountInMinorUnits() throws Exception {
        String body = productBody("P-" + UUID.randomUUID(), CatalogTestData.word(), 0, "", null)
                .replace("{\"amount\": 0, \"currency\": \"EUR\"}", "1999");

        as(ADMIN, post("/api/admin/products"), body)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.price.amount").value(1999))
                .andExpect(jsonPath("$.price.currency").value("EUR"));
    }

    @Test
    void aPriceIsAtMost99999999Point99() throws Exception {
        as(ADMIN, post("/api/admin/products"), productBody("MAX-" + UUID.randomUUID(), CatalogTestData.word(), 9_999_999_999L, "", 1))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.price.amount").value(9_999_999_999L));
        for (String price : List.of("{\"amount\": 10000000000, \"currency\": \"EUR\"}", "5000000000000000000")) {
            as(ADMIN, post("/api/admin/products"), productBody("MAX-" + UUID.randomUUID(), CatalogTestData.word(), 0, "", 1)
                    .replace("{\"amount\": 0, \"currency\": \"EUR\"}", price))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/validation"))
                    .andExpect(jsonPath("$.errors[0].field").value("price.amount"));
        }
        JsonNode created = create(productBody("MAX-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", 1));
        as(ADMIN, put("/api/admin/products/" + created.get("id").asString()),
                productBody(created.get("sku").asString(), created.get("slug").asString(), 10_000_000_000L, "", null)
                        .replace("\"imageUrl\"", "\"version\": 0, \"imageUrl\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("price.amount"));
        // and the table refuses it too, whatever writes it
        assertThatThrownBy(() -> jdbc.update("update catalog_product set price_amount = 10000000000 where sku = ?",
                created.get("sku").asString())).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void duplicateSkuOrSlugIsAConflict() throws Exception {
        String sku = "DUP-" + UUID.randomUUID();
        String slug = CatalogTestData.word();
        create(productBody(sku, slug, 100, "", null));

        as(ADMIN, post("/api/admin/products"), productBody(sku, CatalogTestData.word(), 100, "", null))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-sku"));
        as(ADMIN, post("/api/admin/products"), productBody("DUP-" + UUID.randomUUID(), slug, 100, "", null))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-slug"));
    }

    @Test
    void invalidProductsAreRejectedFieldByField() throws Exception {
        as(ADMIN, post("/api/admin/products"), productBody("bad sku!", "Not A Slug", -5, "", -1))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/validation"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("sku")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("slug")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("price.amount")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("stock")));
        as(ADMIN, post("/api/admin/products"), "{\"sku\": \"X-1\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")));
        // a price is required of a product without variants (with variants, each may carry its own)
        as(ADMIN, post("/api/admin/products"), "{\"sku\": \"X-1\", \"slug\": \"x-1\", \"name\": \"X\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("price")));
        as(ADMIN, post("/api/admin/products"), productBody("U-" + UUID.randomUUID(), CatalogTestData.word(), 100,
                "\"no-such-category\"", null))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/unknown-category"));
        as(ADMIN, post("/api/admin/products"), productBody("U-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", null)
                .replace("\"EUR\"", "\"USD\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/wrong-currency"))
                .andExpect(jsonPath("$.errors[0].field").value("price.currency"));
        as(ADMIN, post("/api/admin/products"), "{\"sku\": ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/malformed-request"));
    }

    @Test
    void updateNeedsTheCurrentVersion() throws Exception {
        JsonNode created = create(productBody("V-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", 3));
        String id = created.get("id").asString();
        String update = productBody(created.get("sku").asString(), created.get("slug").asString(), 250, "", null)
                .replace("\"imageUrl\"", "\"version\": 0, \"imageUrl\"");

        as(ADMIN, put("/api/admin/products/" + id), update)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.price.amount").value(250))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.stock.onHand").value(3));
        as(ADMIN, put("/api/admin/products/" + id), update.replace("\"amount\": 250", "\"amount\": 300"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/stale-version"));
        as(ADMIN, put("/api/admin/products/" + id), productBody("V-1", "v-1", 1, "", null))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("version")));
        as(ADMIN, put("/api/admin/products/" + UUID.randomUUID()), update)
                .andExpect(status().isNotFound());
        as(ADMIN, put("/api/admin/products/not-a-uuid"), update)
                .andExpect(status().isBadRequest());
    }

    @Test
    void updateCannotTakeAnotherProductsSlug() throws Exception {
        JsonNode first = create(productBody("S-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", null));
        JsonNode second = create(productBody("S-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", null));
        String update = productBody(second.get("sku").asString(), first.get("slug").asString(), 100, "", null)
                .replace("\"imageUrl\"", "\"version\": 0, \"imageUrl\"");

        as(ADMIN, put("/api/admin/products/" + second.get("id").asString()), update)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-slug"));
    }

    @Test
    void deleteDeactivates() throws Exception {
        JsonNode created = create(productBody("D-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", 1));
        String id = created.get("id").asString();
        as(null, get("/api/products/" + id), null).andExpect(status().isOk());

        as(ADMIN, delete("/api/admin/products/" + id), null).andExpect(status().isNoContent());
        as(ADMIN, delete("/api/admin/products/" + id), null).andExpect(status().isNoContent());

        as(null, get("/api/products/" + id), null).andExpect(status().isNotFound());
        as(null, get("/api/products/" + created.get("slug").asString()), null).andExpect(status().isNotFound());
        as(ADMIN, get("/api/admin/products/" + id), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false));
        as(ADMIN, delete("/api/admin/products/" + UUID.randomUUID()), null).andExpect(status().isNotFound());
    }

    @Test
    void aSlugAskedForBeforeItExistsAnswersAsSoonAsAnAdminCreatesIt() throws Exception {
        String slug = CatalogTestData.word() + "-later";
        // asked for twice: the second answer comes from what the first found (nothing)
        for (int i = 0; i < 2; i++) {
            as(null, get("/api/products/" + slug), null)
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/not-found"));
        }
        create(productBody("L-" + UUID.randomUUID(), slug, 100, "", 1));
        as(null, get("/api/products/" + slug), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.slug").value(slug));
    }

    @Test
    void anUpdateWithoutActiveKeepsADeactivatedProductOffSale() throws Exception {
        JsonNode created = create(productBody("A-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", 1));
        String id = created.get("id").asString();
        as(ADMIN, delete("/api/admin/products/" + id), null).andExpect(status().isNoContent());
        long version = json.readTree(as(ADMIN, get("/api/admin/products/" + id), null).andReturn().getResponse()
                .getContentAsString()).get("version").asLong();
        String update = productBody(created.get("sku").asString(), created.get("slug").asString(), 150, "", null)
                .replace("\"imageUrl\"", "\"version\": %d, \"imageUrl\"");

        // a price change of a withdrawn product does not put it back on sale
        as(ADMIN, put("/api/admin/products/" + id), update.formatted(version))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.price.amount").value(150))
                .andExpect(jsonPath("$.active").value(false));
        as(null, get("/api/products/" + id), null).andExpect(status().isNotFound());
        // saying so does
        as(ADMIN, put("/api/admin/products/" + id), update.formatted(version + 1).replace("{\"sku\"", "{\"active\": true, \"sku\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(true));
        as(null, get("/api/products/" + id), null).andExpect(status().isOk());
        // and an active product stays active when an edit leaves it out
        as(ADMIN, put("/api/admin/products/" + id), update.formatted(version + 2))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(true));
    }

    @Test
    void stockCanBeSetButNotBelowWhatIsReserved() throws Exception {
        JsonNode created = create(productBody("ST-" + UUID.randomUUID(), CatalogTestData.word(), 100, "", 5));
        String id = created.get("id").asString();

        as(ADMIN, put("/api/admin/products/" + id + "/stock"), "{\"onHand\": 12}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(12))
                .andExpect(jsonPath("$.reserved").value(0))
                .andExpect(jsonPath("$.available").value(12));
        transactions.executeWithoutResult(tx -> inventory.reserve(List.of(new StockLine(VariantId.of(id), 4))));

        as(ADMIN, put("/api/admin/products/" + id + "/stock"), "{\"onHand\": 3}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/stock-below-reserved"));
        as(ADMIN, put("/api/admin/products/" + id + "/stock"), "{\"onHand\": -1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("onHand"));
        as(ADMIN, put("/api/admin/products/" + UUID.randomUUID() + "/stock"), "{\"onHand\": 1}")
                .andExpect(status().isNotFound());
        as(ADMIN, get("/api/admin/products/" + id + "/stock"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(12))
                .andExpect(jsonPath("$.reserved").value(4));
        as(null, get("/api/products/" + id), null).andExpect(jsonPath("$.availableQuantity").value(8));
    }

    @Test
    void categoriesFormATreeWithoutCycles() throws Exception {
        String top = category(null);
        String child = category(top);
        String other = category(null);
        String childId = json.readTree(mvc.perform(get("/api/categories")).andReturn().getResponse().getContentAsString())
                .valueStream().filter(c -> c.get("slug").asString().equals(child)).findFirst().orElseThrow()
                .get("id").asString();
        String topId = admin.createCategory(CatalogTestData.word(), "Scratch", null).id().toString();

        as(null, get("/api/categories"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.slug == '" + child + "')].parentSlug").value(top));
        as(ADMIN, post("/api/admin/categories"), "{\"slug\": \"" + top + "\", \"name\": \"Again\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-slug"));
        as(ADMIN, post("/api/admin/categories"), "{\"slug\": \"" + CatalogTestData.word() + "\", \"name\": \"X\", "
                + "\"parentSlug\": \"no-such-parent\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/unknown-category"));
        as(ADMIN, post("/api/admin/categories"), "{\"slug\": \"Bad Slug\", \"name\": \"\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("slug")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")));

        // moving the child under another parent, then trying to put its old parent under it
        as(ADMIN, put("/api/admin/categories/" + childId),
                "{\"slug\": \"" + child + "\", \"name\": \"Moved\", \"parentSlug\": \"" + other + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.parentSlug").value(other))
                .andExpect(jsonPath("$.name").value("Moved"));
        String otherId = json.readTree(mvc.perform(get("/api/categories")).andReturn().getResponse().getContentAsString())
                .valueStream().filter(c -> c.get("slug").asString().equals(other)).findFirst().orElseThrow()
                .get("id").asString();
        as(ADMIN, put("/api/admin/categories/" + otherId),
                "{\"slug\": \"" + other + "\", \"name\": \"Other\", \"parentSlug\": \"" + child + "\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/category-cycle"));
        as(ADMIN, put("/api/admin/categories/" + UUID.randomUUID()), "{\"slug\": \"abc\", \"name\": \"A\"}")
                .andExpect(status().isNotFound());

        // delete: refused while it has children or products, fine when empty
        as(ADMIN, delete("/api/admin/categories/" + otherId), null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/category-in-use"));
        create(productBody("C-" + UUID.randomUUID(), CatalogTestData.word(), 100, "\"" + child + "\"", null));
        as(ADMIN, delete("/api/admin/categories/" + childId), null).andExpect(status().isConflict());
        as(ADMIN, delete("/api/admin/categories/" + topId), null).andExpect(status().isNoContent());
        as(ADMIN, delete("/api/admin/categories/" + topId), null).andExpect(status().isNotFound());
        as(null, get("/api/categories"), null)
                .andExpect(jsonPath("$[*].id", not(hasItem(topId))));
    }

    @Test
    void aCategoryCannotMoveUnderADescendantAtAnyDepth() throws Exception {
        // a > b > c > d; the ancestors of c and d past the first are loaded lazily
        String a = category(null);
        String b = category(a);
        String c = category(b);
        String d = category(c);
        JsonNode all = json.readTree(mvc.perform(get("/api/categories")).andReturn().getResponse().getContentAsString());
        java.util.function.Function<String, String> id = slug -> all.valueStream()
                .filter(n -> n.get("slug").asString().equals(slug)).findFirst().orElseThrow().get("id").asString();

        for (String[] move : List.of(new String[] {a, c}, new String[] {a, d}, new String[] {b, d}, new String[] {a, b})) {
            as(ADMIN, put("/api/admin/categories/" + id.apply(move[0])),
                    "{\"slug\": \"" + move[0] + "\", \"name\": \"Moved\", \"parentSlug\": \"" + move[1] + "\"}")
                    .andExpect(status().isConflict())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/category-cycle"));
        }
        as(null, get("/api/categories"), null)
                .andExpect(jsonPath("$[?(@.slug == '" + a + "')].parentSlug").value(org.hamcrest.Matchers.contains(
                        org.hamcrest.Matchers.nullValue())))
                .andExpect(jsonPath("$[?(@.slug == '" + a + "')].name").value(org.hamcrest.Matchers.contains("Cat " + a)));
        // moving down the other way round is fine
        as(ADMIN, put("/api/admin/categories/" + id.apply(d)),
                "{\"slug\": \"" + d + "\", \"name\": \"D\", \"parentSlug\": \"" + a + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.parentSlug").value(a));
    }

    @Test
    void adminRoutesNeedATokenAndTheAdminRole() throws Exception {
        String customer = Tokens.customer();
        UUID id = UUID.randomUUID();
        List<MockHttpServletRequestBuilder> routes = List.of(
                post("/api/admin/products"), get("/api/admin/products/" + id), put("/api/admin/products/" + id),
                delete("/api/admin/products/" + id), get("/api/admin/products/" + id + "/stock"),
                put("/api/admin/products/" + id + "/stock"), post("/api/admin/categories"),
                put("/api/admin/categories/" + id), delete("/api/admin/categories/" + id));
        for (MockHttpServletRequestBuilder route : routes) {
            as(null, route, "{}").andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        for (MockHttpServletRequestBuilder route : List.of(
                post("/api/admin/products"), get("/api/admin/products/" + id), put("/api/admin/products/" + id),
                delete("/api/admin/products/" + id), get("/api/admin/products/" + id + "/stock"),
                put("/api/admin/products/" + id + "/stock"), post("/api/admin/categories"),
                put("/api/admin/categories/" + id), delete("/api/admin/categories/" + id))) {
            as(customer, route, "{}").andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/forbidden"));
        }
    }
}
