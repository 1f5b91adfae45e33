package com.example.shop.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.catalog.internal.ProductCommand;
import com.example.shop.catalog.internal.ProductView;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The public listing over HTTP on the real database: search, category tree, price range, sorting and
 * paging over several pages, the caches and their invalidation.
 * <p>
 * Each test builds its own small catalog: a root category with a child and a grandchild, 25 products
 * whose names carry a random word (so neither the category filter nor the search sees other tests' rows).
 */
@IntegrationTest
class ProductListingHttpTests {

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

    @Autowired
    CommittedSql committed;

    String root;
    String child;
    String grandchild;
    String marker;
    List<ProductView> products = new ArrayList<>();

    /** 25 products: 12 in root (prices 100..1200), 8 in child (1300..2000), 5 in grandchild (2100..2500). */
    @BeforeEach
    void catalog() {
        CatalogTestData data = new CatalogTestData(admin);
        marker = CatalogTestData.word();
        root = marker + "-root";
        child = marker + "-child";
        grandchild = marker + "-grandchild";
        data.category(root, null);
        data.category(child, root);
        data.category(grandchild, child);
        String[] colours = {"crimson", "teal", "amber", "violet", "olive"};
        for (int i = 1; i <= 25; i++) {
            String category = i <= 12 ? root : i <= 20 ? child : grandchild;
            String colour = colours[i % colours.length];
            // names sort differently from prices: "<marker> item 25" comes first by name, descending
            String name = "%s item %02d %s".formatted(marker, 26 - i, colour);
            products.add(data.product(name, "A " + colour + " thing for " + marker + " tests", i * 100L, i % 4, category));
        }
    }

    static byte[] uuidBytes(java.util.UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    JsonNode list(String query) throws Exception {
        String body = mvc.perform(get("/api/products?" + query))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    static List<Long> prices(JsonNode page) {
        return page.get("content").valueStream().map(p -> p.get("price").get("amount").asLong()).toList();
    }

    static List<String> names(JsonNode page) {
        return page.get("content").valueStream().map(p -> p.get("name").asString()).toList();
    }

    @Test
    void pagesThroughACategoryAndItsDescendantsSortedByPrice() throws Exception {
        JsonNode first = list("category=" + root + "&sort=price,asc&size=10");
        assertThat(first.get("page").get("totalElements").asLong()).isEqualTo(25);
        assertThat(first.get("page").get("totalPages").asInt()).isEqualTo(3);
        assertThat(first.get("page").get("number").asInt()).isZero();
        assertThat(first.get("page").get("size").asInt()).isEqualTo(10);
        assertThat(prices(first)).containsExactly(100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L);

        assertThat(prices(list("category=" + root + "&sort=price,asc&size=10&page=1")))
                .containsExactly(1100L, 1200L, 1300L, 1400L, 1500L, 1600L, 1700L, 1800L, 1900L, 2000L);
        assertThat(prices(list("category=" + root + "&sort=price,asc&size=10&page=2")))
                .containsExactly(2100L, 2200L, 2300L, 2400L, 2500L);
        JsonNode beyond = list("category=" + root + "&sort=price,asc&size=10&page=3");
        assertThat(beyond.get("content")).isEmpty();
        assertThat(beyond.get("page").get("totalElements").asLong()).isEqualTo(25);

        assertThat(prices(list("category=" + root + "&sort=price,desc&size=3")))
                .containsExactly(2500L, 2400L, 2300L);
    }

    @Test
    void aChildCategoryIncludesItsOwnChildrenOnly() throws Exception {
        assertThat(list("category=" + child + "&size=100").get("page").get("totalElements").asLong()).isEqualTo(13);
        assertThat(prices(list("category=" + grandchild + "&sort=price")))
                .containsExactly(2100L, 2200L, 2300L, 2400L, 2500L);
        assertThat(list("category=no-such-category").get("content")).isEmpty();
    }

    @Test
    void filtersByPriceRangeInclusive() throws Exception {
        JsonNode page = list("category=" + root + "&minPrice=1000&maxPrice=1500&sort=price");
        assertThat(prices(page)).containsExactly(1000L, 1100L, 1200L, 1300L, 1400L, 1500L);
        assertThat(prices(list("category=" + root + "&maxPrice=250&sort=price"))).containsExactly(100L, 200L);
        assertThat(prices(list("category=" + root + "&minPrice=2450&sort=price"))).containsExactly(2500L);
    }

    @Test
    void sortsByNameAndByCreation() throws Exception {
        List<String> ascending = names(list("category=" + root + "&sort=name,asc&size=100"));
        assertThat(ascending).hasSize(25).isSorted();
        assertThat(ascending.get(0)).contains("item 01");
        List<String> descending = names(list("category=" + root + "&sort=name,desc&size=5"));
        assertThat(descending.get(0)).contains("item 25");
        // the default without q is by name
        assertThat(names(list("category=" + root + "&size=100"))).isEqualTo(ascending);
        // one second apart, in creation order: MariaDB 10.x through mysql-connector-j keeps whole seconds only
        for (int i = 0; i < products.size(); i++) {
            committed.update("update catalog_product set created_at = timestampadd(SECOND, ?, '2026-01-01') where id = ?", i,
                    uuidBytes(products.get(i).id()));
        }
        assertThat(prices(list("category=" + root + "&sort=createdAt,desc&size=2"))).containsExactly(2500L, 2400L);
        assertThat(prices(list("category=" + root + "&sort=createdAt&size=2"))).containsExactly(100L, 200L);
    }

    @Test
    void searchesNameAndDescription() throws Exception {
        // every product carries the marker: in its name and in its description
        assertThat(list("q=" + marker + "&size=100").get("page").get("totalElements").asLong()).isEqualTo(25);
        // "crimson" appears in name and description of products 5, 10, 15, 20, 25; together with the marker
        JsonNode crimson = list("q=" + marker + "+crimson&sort=price");
        assertThat(prices(crimson)).containsExactly(500L, 1000L, 1500L, 2000L, 2500L);
        // prefix matching, case-insensitive, operators in the input are harmless
        assertThat(list("q=" + marker.substring(0, 8).toUpperCase() + "*+(CRIMS\"&sort=price&size=100")
                .get("page").get("totalElements").asLong()).isEqualTo(5);
        // combined with category and price
        assertThat(prices(list("q=crimson+" + marker + "&category=" + child + "&maxPrice=1600&sort=price")))
                .containsExactly(1500L);
        // relevance is the default order with q, and it is paged like the rest
        JsonNode relevance = list("q=" + marker + "&size=10&page=2");
        assertThat(relevance.get("content")).hasSize(5);
        assertThat(list("q=" + CatalogTestData.word()).get("content")).isEmpty();
    }

    @Test
    void aSearchOfOnlyShortOrStopWordsIsANamePrefixMatchInNameOrder() throws Exception {
        CatalogTestData data = new CatalogTestData(admin);
        data.product("TV stand " + marker, "Oak", 4000, 1, root);
        data.product("Tv bench " + marker, "Pine", 2000, 1, child);
        data.product("The TV lamp " + marker, "Brass", 3000, 1, root);
        data.product("Stand for a TV " + marker, "Steel", 1000, 1, root); // "tv" but not at the start
        String inRoot = "&category=" + root;

        // "tv" is too short for the full-text index: names that start with it, by name
        assertThat(names(list("q=tv" + inRoot))).containsExactly("Tv bench " + marker, "TV stand " + marker);
        // relevance has no meaning for a prefix match: the same name order, whichever direction
        assertThat(names(list("q=tv&sort=relevance" + inRoot))).containsExactly("Tv bench " + marker, "TV stand " + marker);
        assertThat(names(list("q=TV&sort=relevance,desc" + inRoot))).containsExactly("Tv bench " + marker, "TV stand " + marker);
        // any other order is honoured
        assertThat(prices(list("q=tv&sort=price,desc" + inRoot))).containsExactly(4000L, 2000L);
        assertThat(names(list("q=tv&sort=name,desc" + inRoot))).containsExactly("TV stand " + marker, "Tv bench " + marker);
        // stop words count in the prefix
        assertThat(names(list("q=the+tv" + inRoot))).containsExactly("The TV lamp " + marker);
        assertThat(list("q=of+a" + inRoot).get("content")).isEmpty();
    }

    @Test
    void listingShowsOnlyActiveProductsWithTheirFields() throws Exception {
        ProductView gone = products.get(0);
        admin.deactivateProduct(new ProductId(gone.id()));

        JsonNode page = list("category=" + root + "&size=100&sort=price");
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(24);
        assertThat(prices(page)).doesNotContain(100L);
        JsonNode first = page.get("content").get(0);
        ProductView expected = products.get(1);
        assertThat(first.get("id").asString()).isEqualTo(expected.id().toString());
        assertThat(first.get("slug").asString()).isEqualTo(expected.slug());
        assertThat(first.get("name").asString()).isEqualTo(expected.name());
        assertThat(first.get("description").asString()).contains(marker);
        assertThat(first.get("price").get("currency").asString()).isEqualTo("EUR");
        assertThat(first.get("categorySlugs").get(0).asString()).isEqualTo(root);
        assertThat(first.get("available").asInt()).isEqualTo(2);
        assertThat(first.get("imageUrl").asString()).startsWith("https://");
        assertThat(first.has("sku")).isFalse();
    }

    @Test
    void badParametersAreProblems() throws Exception {
        for (String query : List.of("sort=sku", "sort=price,sideways", "sort=price,asc,extra", "sort=relevance",
                "page=-1", "size=0", "minPrice=-1", "minPrice=500&maxPrice=100", "minPrice=cheap", "page=x")) {
            mvc.perform(get("/api/products?" + query))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value(containsString("https://shop.example/problems/")));
        }
    }

    @Test
    void aBadSortNamesTheParameter() throws Exception {
        mvc.perform(get("/api/products?sort=stock,desc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/invalid-parameter"))
                .andExpect(jsonPath("$.errors[0].field").value("sort"))
                .andExpect(jsonPath("$.detail").value(containsString("name, price, createdAt")));
    }

    @Test
    void sizeIsCappedAtOneHundred() throws Exception {
        assertThat(list("size=1000").get("page").get("size").asInt()).isEqualTo(100);
    }

    @Test
    void oneProductByIdOrSlugWithLiveAvailability() throws Exception {
        ProductView product = products.get(6); // stock 7 % 4 = 3
        String etag = mvc.perform(get("/api/products/" + product.slug()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(product.id().toString()))
                .andExpect(jsonPath("$.availableQuantity").value(3))
                .andExpect(jsonPath("$.price.amount").value(700))
                .andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        assertThat(etag).isNotBlank();
        mvc.perform(get("/api/products/" + product.slug()).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified());
        transactions.executeWithoutResult(tx -> inventory.reserve(List.of(new StockLine(new VariantId(product.id()), 2))));
        // the same cached product, other quantities: other bytes, another ETag
        mvc.perform(get("/api/products/" + product.slug()).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.availableQuantity").value(1));
        mvc.perform(get("/api/products/" + product.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.slug").value(product.slug()))
                .andExpect(jsonPath("$.availableQuantity").value(1))
                .andExpect(jsonPath("$.available").value(1));
        JsonNode listed = list("category=" + root + "&minPrice=700&maxPrice=700");
        assertThat(listed.get("content").get(0).get("available").asInt()).isEqualTo(1);

        mvc.perform(get("/api/products/no-such-product")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/not-found"));
        mvc.perform(get("/api/products/" + UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void aPriceChangeShowsInTheNextListing() throws Exception {
        ProductView product = products.get(2);
        String query = "category=" + root + "&minPrice=300&maxPrice=300";
        assertThat(prices(list(query))).containsExactly(300L);
        mvc.perform(get("/api/products/" + product.slug())).andExpect(jsonPath("$.price.amount").value(300));

        ProductCommand repriced = new ProductCommand(product.sku(), product.slug(), product.name(), product.description(),
                333, "EUR", product.categorySlugs(), product.imageUrl(), true);
        String body = """
                {"sku": "%s", "slug": "%s", "name": "%s", "description": "%s", "price": {"amount": 333},
                 "categorySlugs": ["%s"], "version": 0}""".formatted(repriced.sku(), repriced.slug(), repriced.name(),
                repriced.description(), root);
        mvc.perform(put("/api/admin/products/" + product.id()).header(HttpHeaders.AUTHORIZATION, Tokens.admin())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());

        assertThat(prices(list(query))).isEmpty();
        assertThat(prices(list("category=" + root + "&minPrice=333&maxPrice=333"))).containsExactly(333L);
        mvc.perform(get("/api/products/" + product.slug())).andExpect(jsonPath("$.price.amount").value(333));
    }

    @Test
    void listingsCarryCachingHeadersAndAnswer304WhenUnchanged() throws Exception {
        String query = "/api/products?category=" + root + "&size=5";
        String etag = mvc.perform(get(query))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("max-age=10")))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("public")))
                .andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        assertThat(etag).isNotBlank();

        mvc.perform(get(query).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified());

        // a reservation changes the available number in the body, hence the ETag
        ProductView first = products.get(24); // "item 01", first by name, one unit in stock
        transactions.executeWithoutResult(tx -> inventory.reserve(List.of(new StockLine(new VariantId(first.id()), 1))));
        mvc.perform(get(query).header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isOk());
    }

    @Test
    void categoriesCarryCachingHeadersAndAnswer304UntilTheTreeChanges() throws Exception {
        var first = mvc.perform(get("/api/categories"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=60, public"))
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE))
                .andReturn().getResponse();
        String etag = first.getHeader(HttpHeaders.ETAG);
        assertThat(etag).startsWith("\"0").endsWith("\"");
        assertThat(first.getContentLength()).isEqualTo(first.getContentAsByteArray().length);

        mvc.perform(get("/api/categories").header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, etag))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=60, public"))
                .andExpect(content().bytes(new byte[0]));

        // a new category is a new tree: new bytes, another ETag
        new CatalogTestData(admin).category(marker + "-later", root);
        String changed = mvc.perform(get("/api/categories").header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.slug == '" + marker + "-later')]", hasSize(1)))
                .andReturn().getResponse().getHeader(HttpHeaders.ETAG);
        assertThat(changed).isNotEqualTo(etag);
    }

    @Test
    void listingParametersThatAreNotNumbersAreNamedAndBlankOnesCountAsAbsent() throws Exception {
        for (String parameter : List.of("minPrice", "maxPrice", "page", "size")) {
            mvc.perform(get("/api/products?" + parameter + "=12x"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail", containsString(parameter + " must be a whole number")))
                    .andExpect(jsonPath("$.errors[0].field").value(parameter));
        }
        mvc.perform(get("/api/products?page=2147483648")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        // blank numbers are no numbers at all; a padded one is read
        JsonNode blank = json.readTree(mvc.perform(get("/api/products").param("category", root).param("minPrice", "")
                        .param("maxPrice", " ").param("page", "").param("size", "").param("sort", "price,asc"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(prices(blank)).hasSize(20).startsWith(100L, 200L);
        JsonNode padded = json.readTree(mvc.perform(get("/api/products").param("category", root)
                        .param("minPrice", " 300 ").param("maxPrice", "400").param("sort", "price"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(prices(padded)).containsExactly(300L, 400L);
    }

    @Test
    void categoriesArePublic() throws Exception {
        mvc.perform(get("/api/categories"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.slug == '" + grandchild + "')]", hasSize(1)))
                .andExpect(jsonPath("$[?(@.slug == '" + grandchild + "')].parentSlug").value(child))
                .andExpect(jsonPath("$[?(@.slug == '" + root + "')].parentSlug").value(org.hamcrest.Matchers.contains(
                        org.hamcrest.Matchers.nullValue())))
                .andExpect(header().exists(HttpHeaders.ETAG));
    }
}
