package com.example.shop.catalog.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Products with options and variants over HTTP, on the real database: admin rules, storefront, cart lines. */
@IntegrationTest
class ProductVariantsHttpTests {

    static final String ADMIN = Tokens.admin();

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Inventory inventory;

    @Autowired
    TransactionTemplate transactions;

    ResultActions as(String token, MockHttpServletRequestBuilder request, String body) throws Exception {
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request);
    }

    /** A T-shirt in two sizes and two colours, three combinations sold; {@code variants} replaces them when given. */
    static String tee(String prefix, String slug, String variants) {
        return """
                {"slug": "%s", "name": "Variant tee %s", "description": "A tee in sizes and colours",
                 "price": 2500,
                 "options": [{"name": "Size", "values": ["S", "M"]}, {"name": "Colour", "values": ["Red", "Blue"]}],
                 "variants": %s}
                """.formatted(slug, slug, variants != null ? variants : """
                [{"sku": "%1$s-S-RED", "optionValues": {"Size": "S", "Colour": "Red"}, "stock": 4},
                 {"sku": "%1$s-M-RED", "optionValues": {"Colour": "Red", "Size": "M"}, "price": 2700, "stock": 0},
                 {"sku": "%1$s-M-BLUE", "optionValues": {"Size": "M", "Colour": "Blue"}, "price": 2300, "stock": 6}]
                """.formatted(prefix));
    }

    static String unique() {
        return "VT" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    JsonNode create(String body) throws Exception {
        return json.readTree(as(ADMIN, post("/api/admin/products"), body).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void aProductWithOptionsSellsEachVariantWithItsOwnSkuPriceAndStock() throws Exception {
        String sku = unique();
        String slug = CatalogTestData.word();
        JsonNode created = create(tee(sku, slug, null));

        assertThat(created.get("variants")).hasSize(3);
        assertThat(created.at("/variants/1/optionValues").toString()).isEqualTo("{\"Size\":\"M\",\"Colour\":\"Red\"}");
        assertThat(created.at("/variants/0/price/amount").asLong()).isEqualTo(2500);
        assertThat(created.at("/variants/2/stock/onHand").asInt()).isEqualTo(6);
        assertThat(created.at("/price/amount").asLong()).as("the lowest variant price").isEqualTo(2300);
        assertThat(created.at("/stock/onHand").asInt()).as("the sum of the variants'").isEqualTo(10);
        assertThat(created.at("/sku").asString()).isEqualTo(sku + "-S-RED");
        String blue = created.at("/variants/2/id").asString();
        transactions.executeWithoutResult(tx -> inventory.reserve(java.util.List.of(new StockLine(VariantId.of(blue), 2))));

        mvc.perform(get("/api/products/{slug}", slug)).andExpect(status().isOk())
                .andExpect(jsonPath("$.price.amount").value(2300))
                .andExpect(jsonPath("$.available").value(8))
                .andExpect(jsonPath("$.options[0].name").value("Size"))
                .andExpect(jsonPath("$.options[1].values", hasSize(2)))
                .andExpect(jsonPath("$.variants", hasSize(3)))
                .andExpect(jsonPath("$.variants[2].id").value(blue))
                .andExpect(jsonPath("$.variants[2].sku").value(sku + "-M-BLUE"))
                .andExpect(jsonPath("$.variants[2].optionValues.Colour").value("Blue"))
                .andExpect(jsonPath("$.variants[2].available").value(4))
                .andExpect(jsonPath("$.variants[2].availableQuantity").value(4))
                .andExpect(jsonPath("$.variants[1].available").value(0))
                .andExpect(jsonPath("$.variants[1].price.amount").value(2700));
        // the listing filters and sorts on the product's price, its lowest variant's
        mvc.perform(get("/api/products").param("q", "variant tee " + slug).param("minPrice", "2300").param("maxPrice", "2300"))
                .andExpect(jsonPath("$.content[*].slug", hasItem(slug)))
                .andExpect(jsonPath("$.content[0].available").value(8));
    }

    @Test
    void updatesKeepVariantsBySkuAddNewOnesAndDropTheRest() throws Exception {
        String sku = unique();
        JsonNode created = create(tee(sku, CatalogTestData.word(), null));
        String id = created.get("id").asString();
        String small = created.at("/variants/0/id").asString();
        String update = tee(sku, created.get("slug").asString(), """
                [{"sku": "%1$s-S-RED", "optionValues": {"Size": "S", "Colour": "Red"}, "price": 2000},
                 {"sku": "%1$s-S-BLUE", "optionValues": {"Size": "S", "Colour": "Blue"}, "stock": 3}]
                """.formatted(sku)).replace("\"price\": 2500,", "\"price\": 2500, \"version\": " + created.get("version").asLong() + ",");

        JsonNode updated = json.readTree(as(ADMIN, put("/api/admin/products/" + id), update).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());

        assertThat(updated.get("variants")).hasSize(2);
        assertThat(updated.at("/variants/0/id").asString()).as("kept, with its stock").isEqualTo(small);
        assertThat(updated.at("/variants/0/stock/onHand").asInt()).isEqualTo(4);
        assertThat(updated.at("/variants/1/stock/onHand").asInt()).isEqualTo(3);
        assertThat(updated.at("/price/amount").asLong()).isEqualTo(2000);

        // one variant's stock on its own; the product-level stock endpoint is for one-variant products
        as(ADMIN, put("/api/admin/products/{id}/variants/{variant}/stock", id, small), "{\"onHand\": 9}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.onHand").value(9));
        as(ADMIN, put("/api/admin/products/{id}/stock", id), "{\"onHand\": 9}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("variantId"));
        as(ADMIN, put("/api/admin/products/{id}/variants/{variant}/stock", id, UUID.randomUUID()), "{\"onHand\": 9}")
                .andExpect(status().isNotFound());
    }

    @Test
    void aVariantWithReservedUnitsCannotBeDropped() throws Exception {
        String sku = unique();
        JsonNode created = create(tee(sku, CatalogTestData.word(), null));
        String small = created.at("/variants/0/id").asString();
        transactions.executeWithoutResult(tx -> inventory.reserve(java.util.List.of(new StockLine(VariantId.of(small), 1))));
        String update = tee(sku, created.get("slug").asString(), """
                [{"sku": "%1$s-M-BLUE", "optionValues": {"Size": "M", "Colour": "Blue"}}]
                """.formatted(sku)).replace("\"price\": 2500,", "\"price\": 2500, \"version\": " + created.get("version").asLong() + ",");

        as(ADMIN, put("/api/admin/products/" + created.get("id").asString()), update)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/variant-in-use"));
        mvc.perform(get("/api/admin/products/{id}", created.get("id").asString()).header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(jsonPath("$.variants", hasSize(3)));
    }

    @Test
    void badVariantsAreRefusedNamingTheField() throws Exception {
        String sku = unique();
        String[][] cases = {
                // a value missing
                {"[{\"sku\": \"%s-1\", \"optionValues\": {\"Size\": \"S\"}}]", "variants[0].optionValues"},
                // a combination repeated
                {"[{\"sku\": \"%1$s-1\", \"optionValues\": {\"Size\": \"S\", \"Colour\": \"Red\"}},"
                        + " {\"sku\": \"%1$s-2\", \"optionValues\": {\"Colour\": \"Red\", \"Size\": \"S\"}}]", "variants[1].optionValues"},
                // a value not declared
                {"[{\"sku\": \"%s-1\", \"optionValues\": {\"Size\": \"XL\", \"Colour\": \"Red\"}}]", "variants[0].optionValues"},
                // an option not declared
                {"[{\"sku\": \"%s-1\", \"optionValues\": {\"Size\": \"S\", \"Colour\": \"Red\", \"Fit\": \"Slim\"}}]", "variants[0].optionValues"},
                // price and stock out of range
                {"[{\"sku\": \"%s-1\", \"optionValues\": {\"Size\": \"S\", \"Colour\": \"Red\"}, \"price\": 10000000000}]", "variants[0].price.amount"},
                {"[{\"sku\": \"%s-1\", \"optionValues\": {\"Size\": \"S\", \"Colour\": \"Red\"}, \"price\": -1}]", "variants[0].price.amount"},
                {"[{\"sku\": \"%s-1\", \"optionValues\": {\"Size\": \"S\", \"Colour\": \"Red\"}, \"stock\": -1}]", "variants[0].stock"},
                {"[{\"sku\": \"%s-1\", \"optionValues\": {\"Size\": \"S\", \"Colour\": \"Red\"}, \"stock\": 1000000001}]", "variants[0].stock"},
                {"[{\"sku\": \"bad sku!\", \"optionValues\": {\"Size\": \"S\", \"Colour\": \"Red\"}}]", "variants[0].sku"},
                // options but no variants
                {"[]", "variants"},
        };
        for (String[] c : cases) {
            as(ADMIN, post("/api/admin/products"), tee(sku, CatalogTestData.word(), c[0].formatted(sku)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[*].field", hasItem(c[1])));
        }
        // an option declared twice, a value given twice
        as(ADMIN, post("/api/admin/products"), tee(sku, CatalogTestData.word(), null)
                        .replace("{\"name\": \"Colour\"", "{\"name\": \"Size\""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("options[1].name"));
        as(ADMIN, post("/api/admin/products"), tee(sku, CatalogTestData.word(), null)
                        .replace("[\"S\", \"M\"]", "[\"S\", \"S\"]"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("options[0].values"));
        // two variants with one SKU, in one product or across two
        as(ADMIN, post("/api/admin/products"), tee(sku, CatalogTestData.word(), """
                [{"sku": "%1$s-1", "optionValues": {"Size": "S", "Colour": "Red"}},
                 {"sku": "%1$s-1", "optionValues": {"Size": "M", "Colour": "Red"}}]""".formatted(sku)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-sku"));
        create(tee(sku, CatalogTestData.word(), null));
        as(ADMIN, post("/api/admin/products"), tee(sku, CatalogTestData.word(), """
                [{"sku": "%s-M-BLUE", "optionValues": {"Size": "S", "Colour": "Red"}}]""".formatted(sku)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-sku"));
        as(ADMIN, post("/api/admin/products"), """
                {"sku": "%s-M-BLUE", "slug": "%s", "name": "Clash", "price": 100}""".formatted(sku, CatalogTestData.word()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-sku"));
    }

    @Test
    void cartLinesNameTheVariantAndAProductWithSeveralNeedsOne() throws Exception {
        String sku = unique();
        JsonNode created = create(tee(sku, CatalogTestData.word(), null));
        String product = created.get("id").asString();
        String blue = created.at("/variants/2/id").asString();
        String cart = json.readTree(mvc.perform(post("/api/carts")).andReturn().getResponse().getContentAsString())
                .get("id").asString();

        as(null, post("/api/carts/{id}/items", cart), "{\"productId\": \"" + product + "\", \"quantity\": 1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("variantId"));
        as(null, post("/api/carts/{id}/items", cart), "{\"quantity\": 1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("variantId"));
        as(null, post("/api/carts/{id}/items", cart), "{\"variantId\": \"" + UUID.randomUUID() + "\", \"quantity\": 1}")
                .andExpect(status().isNotFound());
        as(null, post("/api/carts/{id}/items", cart), "{\"variantId\": \"" + blue + "\", \"quantity\": 7}")
                .andExpect(status().isConflict());
        as(null, post("/api/carts/{id}/items", cart), "{\"variantId\": \"" + blue + "\", \"quantity\": 2}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.items[0].productId").value(product))
                .andExpect(jsonPath("$.items[0].variantId").value(blue))
                .andExpect(jsonPath("$.items[0].sku").value(sku + "-M-BLUE"))
                .andExpect(jsonPath("$.items[0].optionValues.Size").value("M"))
                .andExpect(jsonPath("$.items[0].unitPrice.amount").value(2300))
                .andExpect(jsonPath("$.subtotal.amount").value(4600));
        // a one-variant product is still added by its product id, and shows its variant
        String plain = json.readTree(as(ADMIN, post("/api/admin/products"), """
                {"sku": "%s-PLAIN", "slug": "%s", "name": "Plain", "price": 100, "stock": 2}"""
                .formatted(sku, CatalogTestData.word())).andReturn().getResponse().getContentAsString()).get("id").asString();
        as(null, post("/api/carts/{id}/items", cart), "{\"productId\": \"" + plain + "\", \"quantity\": 1}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.items[1].variantId").value(plain))
                .andExpect(jsonPath("$.items[1].sku").value(sku + "-PLAIN"))
                .andExpect(jsonPath("$.items[1].optionValues").isEmpty());
    }
}
