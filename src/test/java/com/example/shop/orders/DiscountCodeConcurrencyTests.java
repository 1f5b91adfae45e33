package com.example.shop.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.node.ObjectNode;

import com.example.shop.orders.internal.PaymentTimeout;
import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.Concurrently;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.PricingFixtures;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A discount code's uses under concurrency, on the real database over HTTP: concurrent checkouts never take more
 * uses than the code has (in all, and per customer), and a cancelled or timed-out order gives its use back exactly
 * once, however the cancellations race.
 */
@IntegrationTest
class DiscountCodeConcurrencyTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderFixtures fixtures;

    @Autowired
    PaymentTimeout timeout;

    PricingFixtures pricing;

    String country;

    @BeforeEach
    void setUp() {
        pricing = new PricingFixtures(mvc);
        country = PricingFixtures.freshCountry();
    }

    @Test
    void twentyCheckoutsRacingForACodeWithFiveUsesMakeExactlyFiveOrders() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("FIVE"),
                "\"type\": \"PERCENTAGE\", \"value\": 10, \"usageLimit\": 5");
        UUID product = fixtures.catalog.product("Raced", 1000, 100);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            carts.add(fixtures.cartWith(product, 1));
        }

        List<MockHttpServletResponse> answers = Concurrently.run(20, i -> fixtures.checkout(Tokens.customer(),
                carts.get(i), UUID.randomUUID().toString(), country, null, code).andReturn().getResponse());

        assertThat(answers).filteredOn(answer -> answer.getStatus() == 201).hasSize(5);
        // the losers: 409 when the last use went to a concurrent order after they were priced, 422 when the code
        // was used up before; never a 5xx
        assertThat(answers).filteredOn(answer -> answer.getStatus() != 201).hasSize(15).allSatisfy(answer -> {
            assertThat(answer.getStatus()).isIn(409, 422);
            assertThat(answer.getContentAsString()).containsAnyOf("discount-code-ran-out", "discount-code-used-up");
        });
        assertThat(pricing.timesUsed(code)).isEqualTo(5);
        assertThat(ordersWith(code)).isEqualTo(5);
        assertThat(usesOf(code, false)).isEqualTo(5);
        assertThat(fixtures.stock(product)).containsExactly(100, 5);
        for (MockHttpServletResponse placed : answers.stream().filter(answer -> answer.getStatus() == 201).toList()) {
            assertThat((Integer) JsonPath.read(placed.getContentAsString(), "$.total.amount")).isEqualTo(900);
        }
    }

    @Test
    void aCodeWithoutLimitServesEveryConcurrentCheckoutAndALimitSetLaterCountsTheUsesInHand() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("OPEN"), "\"type\": \"PERCENTAGE\", \"value\": 10");
        UUID product = fixtures.catalog.product("Popular", 1000, 100);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            carts.add(fixtures.cartWith(product, 1));
        }

        List<MockHttpServletResponse> answers = Concurrently.run(12, i -> fixtures.checkout(Tokens.customer(),
                carts.get(i), UUID.randomUUID().toString(), country, null, code).andReturn().getResponse());

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatus()).isEqualTo(201));
        assertThat(pricing.timesUsed(code)).isEqualTo(12);
        String cancelled = JsonPath.read(answers.get(0).getContentAsString(), "$.orderId");
        mvc.perform(post("/api/orders/{id}/cancel", cancelled).header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk());
        assertThat(pricing.timesUsed(code)).isEqualTo(11);

        // a limit of 13 set now: the 11 uses in hand count, so two more orders may use it, not thirteen
        pricing.updateDiscountCode(code, "\"type\": \"PERCENTAGE\", \"value\": 10, \"usageLimit\": 13")
                .andExpect(status().isOk()).andExpect(jsonPath("$.timesUsed").value(11));
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            more.add(fixtures.cartWith(product, 1));
        }
        List<MockHttpServletResponse> late = Concurrently.run(5, i -> fixtures.checkout(Tokens.customer(),
                more.get(i), UUID.randomUUID().toString(), country, null, code).andReturn().getResponse());
        assertThat(late).filteredOn(answer -> answer.getStatus() == 201).hasSize(2);
        assertThat(pricing.timesUsed(code)).isEqualTo(13);
        assertThat(ordersWith(code)).isEqualTo(14);
    }

    @Test
    void oneCustomerRacingSeveralCartsGetsNoMoreUsesThanTheCustomersLimit() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("TWICE"),
                "\"type\": \"FIXED_AMOUNT\", \"value\": 100, \"perCustomerLimit\": 2");
        UUID product = fixtures.catalog.product("Greedy", 800, 100);
        String customer = Tokens.customer();
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            carts.add(fixtures.cartWith(product, 1));
        }

        List<MockHttpServletResponse> answers = Concurrently.run(8, i -> fixtures.checkout(customer, carts.get(i),
                UUID.randomUUID().toString(), country, null, code).andReturn().getResponse());

        assertThat(answers).filteredOn(answer -> answer.getStatus() == 201).hasSize(2);
        assertThat(answers).filteredOn(answer -> answer.getStatus() != 201).hasSize(6)
                .allSatisfy(answer -> assertThat(answer.getStatus()).isIn(409, 422));
        assertThat(ordersWith(code)).isEqualTo(2);
        assertThat(pricing.timesUsed(code)).isEqualTo(2);
        // another customer still may
        fixtures.checkout(Tokens.customer(), fixtures.cartWith(product, 1), null, country, null, code)
                .andExpect(status().isCreated());
    }

    @Test
    void cancellingAnOrderTwiceAtOnceGivesItsUseBackOnce() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("BACK"),
                "\"type\": \"PERCENTAGE\", \"value\": 10, \"usageLimit\": 3");
        String token = Tokens.customer();
        String cancelled = placeWith(token, code);
        placeWith(Tokens.customer(), code);
        assertThat(pricing.timesUsed(code)).isEqualTo(2);

        List<Integer> answers = Concurrently.run(4, i -> mvc.perform(post("/api/orders/{id}/cancel", cancelled)
                .header(HttpHeaders.AUTHORIZATION, i % 2 == 0 ? token : Tokens.admin())).andReturn().getResponse()
                .getStatus());

        assertThat(answers).containsOnlyOnce(200).containsOnly(200, 409);
        assertThat(fixtures.statusOf(cancelled)).isEqualTo("CANCELLED");
        assertThat(pricing.timesUsed(code)).isEqualTo(1);
        assertThat(usesOf(code, true)).isEqualTo(1);
    }

    @Test
    void aCancelRacingThePaymentTimeoutGivesTheUseBackOnce() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("RACE"),
                "\"type\": \"FREE_SHIPPING\", \"usageLimit\": 2");
        String token = Tokens.customer();
        String order = placeWith(token, code);
        fixtures.ageOrder(order, Duration.ofHours(2));
        assertThat(pricing.timesUsed(code)).isEqualTo(1);

        Concurrently.run(4, i -> i % 2 == 0
                ? mvc.perform(post("/api/orders/{id}/cancel", order).header(HttpHeaders.AUTHORIZATION, token))
                        .andReturn().getResponse().getStatus()
                : timeout.cancelUnpaidOrders());

        assertThat(fixtures.statusOf(order)).isEqualTo("CANCELLED");
        assertThat(pricing.timesUsed(code)).isZero();
        assertThat(usesOf(code, true)).isEqualTo(1);
        timeout.cancelUnpaidOrders();
        assertThat(pricing.timesUsed(code)).isZero();
    }

    @Test
    void theTimeoutAndACancelledPaymentIntentGiveTheUseBackAndAnotherOrderMayTakeIt() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("SOLO"),
                "\"type\": \"FIXED_AMOUNT\", \"value\": 50, \"usageLimit\": 1");
        String first = placeWith(Tokens.customer(), code);
        UUID product = fixtures.catalog.product("Solo", 1000, 10);
        fixtures.checkout(Tokens.customer(), fixtures.cartWith(product, 1), null, country, null, code)
                .andExpect(status().isUnprocessableContent());

        fixtures.ageOrder(first, Duration.ofHours(2));
        timeout.cancelUnpaidOrders();
        assertThat(fixtures.statusOf(first)).isEqualTo("CANCELLED");
        assertThat(pricing.timesUsed(code)).isZero();

        String second = placeWith(Tokens.customer(), code);
        assertThat(pricing.timesUsed(code)).isEqualTo(1);
        ObjectNode canceled = fixtures.stripe.intentJson(paymentIntentOf(second));
        canceled.put("status", "canceled");
        StripeEvents.deliver(mvc, StripeEvents.event("payment_intent.canceled", canceled)).andExpect(status().isOk());
        fixtures.awaitStatus(second, "CANCELLED");
        assertThat(pricing.timesUsed(code)).isZero();
        assertThat(usesOf(code, true)).isEqualTo(2);
    }

    /** An order with the code, by the token's customer; returns its id. */
    private String placeWith(String token, String code) throws Exception {
        UUID product = fixtures.catalog.product("With code", 1000, 10);
        String body = fixtures.checkout(token, fixtures.cartWith(product, 1), UUID.randomUUID().toString(), country,
                null, code).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.orderId");
    }

    private String paymentIntentOf(String orderId) {
        return jdbc.queryForObject("select payment_intent_id from payments_payment where reference = ?", String.class,
                orderId);
    }

    private int ordersWith(String code) {
        return jdbc.queryForObject("select count(*) from orders_order where discount_code = ?", Integer.class,
                code.toUpperCase());
    }

    private int usesOf(String code, boolean released) {
        return jdbc.queryForObject("""
                select count(*) from pricing_discount_use u join pricing_discount_code c on c.id = u.code_id
                where c.code = ? and (u.released_at is not null) = ?""", Integer.class, code.toUpperCase(), released);
    }
}
