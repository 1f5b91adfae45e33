package com.example.shop.testsupport;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.jayway.jsonpath.JsonPath;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Creates catalog data through the admin API, as an operator would, for tests of other modules. */
public final class CatalogFixtures {

    private final MockMvc mvc;

    public CatalogFixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A new active product with a unique sku and slug; returns its id. */
    public UUID product(String name, long price, int stock) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"sku": "SKU-%s", "slug": "p-%s", "name": "%s", "description": "Test product %s",
                 "price": {"amount": %d, "currency": "EUR"}, "categorySlugs": [], "imageUrl": null,
                 "active": true, "stock": %d}
                """.formatted(unique, unique, name, unique, price, stock);
        MvcResult result = mvc.perform(post("/api/admin/products").header(HttpHeaders.AUTHORIZATION, admin())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn();
        return UUID.fromString(JsonPath.read(result.getResponse().getContentAsString(), "$.id"));
    }

    public void setStock(UUID product, int onHand) throws Exception {
        mvc.perform(put("/api/admin/products/{id}/stock", product).header(HttpHeaders.AUTHORIZATION, admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"onHand\": " + onHand + "}"))
                .andExpect(status().is2xxSuccessful());
    }

    /** Changes a product's price through the admin API, with the version it read (optimistic locking). */
    public void changePrice(UUID product, long price) throws Exception {
        String current = mvc.perform(get("/api/admin/products/{id}", product)
                        .header(HttpHeaders.AUTHORIZATION, admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String body = """
                {"sku": "%s", "slug": "%s", "name": "%s", "description": "changed",
                 "price": {"amount": %d, "currency": "EUR"}, "categorySlugs": [], "active": true, "version": %d}
                """.formatted(JsonPath.read(current, "$.sku"), JsonPath.read(current, "$.slug"),
                JsonPath.read(current, "$.name"), price, ((Number) JsonPath.read(current, "$.version")).longValue());
        mvc.perform(put("/api/admin/products/{id}", product).header(HttpHeaders.AUTHORIZATION, admin())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
    }

    public void deactivate(UUID product) throws Exception {
        mvc.perform(delete("/api/admin/products/{id}", product).header(HttpHeaders.AUTHORIZATION, admin()))
                .andExpect(status().is2xxSuccessful());
    }

    /**
     * An administrator's access token, minted now: a fixture bean lives as long as its cached test context, longer
     * than a token's five minutes on a busy machine.
     */
    public String admin() {
        return Tokens.admin();
    }
}
