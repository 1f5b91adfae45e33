package com.example.shop.orders;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /api/orders} and {@code GET /api/admin/orders}: order and paging bounds. */
@IntegrationTest
class OrderListTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderFixtures fixtures;

    @Test
    void aCustomersOrdersComeNewestFirst() throws Exception {
        String token = Tokens.customer();
        String first = fixtures.placeOrder(token, 100, 5, 1).orderId();
        String second = fixtures.placeOrder(token, 100, 5, 1).orderId();
        String third = fixtures.placeOrder(token, 100, 5, 1).orderId();
        // placed in one order, dated in another: neither insertion order nor id order gives the expected list
        fixtures.ageOrder(first, Duration.ofMinutes(1));
        fixtures.ageOrder(second, Duration.ofMinutes(3));
        fixtures.ageOrder(third, Duration.ofMinutes(2));

        String body = mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page.totalElements").value(3))
                .andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(body, "$.content[*].id");
        assertThat(ids).containsExactly(first, third, second);

        String page = mvc.perform(get("/api/orders").param("size", "1").param("page", "1")
                        .header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(page, "$.content[*].id")).containsExactly(third);
    }

    @Test
    void eachListedOrderCountsItsItems() throws Exception {
        String token = Tokens.customer();
        String three = fixtures.placeOrder(token, 100, 5, 3).orderId();
        String one = fixtures.placeOrder(token, 100, 5, 1).orderId();

        String mine = mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<Integer>>read(mine, "$.content[?(@.id == '" + three + "')].itemCount")).containsExactly(3);
        assertThat(JsonPath.<List<Integer>>read(mine, "$.content[?(@.id == '" + one + "')].itemCount")).containsExactly(1);
        String all = mvc.perform(get("/api/admin/orders").param("size", "100").header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<Integer>>read(all, "$.content[?(@.id == '" + three + "')].itemCount")).containsExactly(3);
    }

    @Test
    void aPageNumberBeyondTheBoundIsABadRequestNotAnError() throws Exception {
        mvc.perform(get("/api/orders").param("page", "2147483647").param("size", "100")
                        .header(HttpHeaders.AUTHORIZATION, Tokens.customer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/admin/orders").param("page", "2147483647").param("size", "100")
                        .header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        // the bound itself is a page like any other (empty)
        mvc.perform(get("/api/orders").param("page", "100000").header(HttpHeaders.AUTHORIZATION, Tokens.customer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content").isEmpty());
    }
}
