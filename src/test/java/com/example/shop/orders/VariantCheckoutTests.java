package com.example.shop.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.Concurrently;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Checkout of product variants: stock is per variant, and order lines freeze the variant bought. */
@IntegrationTest
class VariantCheckoutTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    OrderFixtures fixtures;

    /** A product in sizes S (stock {@code small}) and M (stock {@code medium}); returns [product, S, M]. */
    String[] sizedProduct(int small, int medium) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String body = mvc.perform(post("/api/admin/products").header(HttpHeaders.AUTHORIZATION, Tokens.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"slug": "sized-%1$s", "name": "Sized %1$s", "price": 1500,
                                 "options": [{"name": "Size", "values": ["S", "M"]}],
                                 "variants": [{"sku": "SZ-%1$s-S", "optionValues": {"Size": "S"}, "stock": %2$d},
                                              {"sku": "SZ-%1$s-M", "optionValues": {"Size": "M"}, "price": 1700, "stock": %3$d}]}
                                """.formatted(unique, small, medium)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new String[] {JsonPath.read(body, "$.id"), JsonPath.read(body, "$.variants[0].id"),
                JsonPath.read(body, "$.variants[1].id")};
    }

    String cartWithVariant(String variant, int quantity) throws Exception {
        String cart = JsonPath.read(mvc.perform(post("/api/carts")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/carts/{id}/items", cart).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"variantId\": \"" + variant + "\", \"quantity\": " + quantity + "}"))
                .andExpect(status().isCreated());
        return cart;
    }

    int[] variantStock(String variant) {
        return jdbc.queryForObject("select on_hand, reserved from catalog_stock where variant_id = unhex(replace(?, '-', ''))",
                (rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)}, variant);
    }

    @Test
    void fiftyBuyersOfOneVariantWithTenUnitsMakeTenOrdersAndLeaveTheOtherVariantAlone() throws Exception {
        String[] product = sizedProduct(10, 7);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            carts.add(cartWithVariant(product[1], 1));
        }

        List<MockHttpServletResponse> responses = Concurrently.run(50, i -> fixtures.checkout(Tokens.customer(),
                carts.get(i), UUID.randomUUID().toString()).andReturn().getResponse());

        assertThat(responses.stream().filter(r -> r.getStatus() == 201).count()).isEqualTo(10);
        assertThat(responses.stream().filter(r -> r.getStatus() == 409).count()).isEqualTo(40);
        assertThat(variantStock(product[1])).containsExactly(10, 10);
        assertThat(variantStock(product[2])).as("the other size").containsExactly(7, 0);
        assertThat(jdbc.queryForObject("""
                select count(*) from orders_order_line where variant_id = unhex(replace(?, '-', ''))""",
                Integer.class, product[1])).isEqualTo(10);
        mvc.perform(get("/api/products/{id}", product[0]))
                .andExpect(jsonPath("$.variants[0].available").value(0))
                .andExpect(jsonPath("$.variants[1].available").value(7))
                .andExpect(jsonPath("$.available").value(7));
    }

    @Test
    void anOrderLineFreezesTheVariantItsSkuAndOptionValues() throws Exception {
        String[] product = sizedProduct(3, 3);
        String token = Tokens.customer();
        String body = fixtures.checkout(token, cartWithVariant(product[2], 2), UUID.randomUUID().toString())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String order = JsonPath.read(body, "$.orderId");
        String sku = JsonPath.read(mvc.perform(get("/api/orders/{id}", order).header(HttpHeaders.AUTHORIZATION, token))
                .andReturn().getResponse().getContentAsString(), "$.lines[0].sku");

        // the catalog changes the variant's options and SKU afterwards; the order keeps what was bought
        committed.update("update catalog_variant set sku = concat(sku, '-NEW'), option_values = '{\"Size\": \"L\"}' "
                + "where id = unhex(replace(?, '-', ''))", product[2]);

        mvc.perform(get("/api/orders/{id}", order).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[0].productId").value(product[0]))
                .andExpect(jsonPath("$.lines[0].variantId").value(product[2]))
                .andExpect(jsonPath("$.lines[0].sku").value(sku))
                .andExpect(jsonPath("$.lines[0].optionValues.Size").value("M"))
                .andExpect(jsonPath("$.lines[0].unitPrice.amount").value(1700));
        assertThat(sku).endsWith("-M");
        assertThat(variantStock(product[2])).containsExactly(3, 2);
        assertThat(variantStock(product[1])).containsExactly(3, 0);
    }
}
