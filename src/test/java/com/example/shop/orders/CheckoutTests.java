package com.example.shop.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/checkout} on the real database, with the Stripe stand-in behind payments. */
@IntegrationTest
class CheckoutTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    DataSource dataSource;

    @Autowired
    OrderFixtures fixtures;

    @Test
    void theWholeStorefrontJourneyEndsWithAPaidOrderAndSoldStock() throws Exception {
        String email = "journey-" + UUID.randomUUID() + "@example.com";
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"correct horse\", \"name\": \"Ada\"}"))
                .andExpect(status().isCreated());
        String token = "Bearer " + JsonPath.read(mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"correct horse\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.accessToken");
        UUID product = fixtures.catalog.product("Journey Teapot", 3450, 5);

        mvc.perform(get("/api/products/{id}", product)).andExpect(status().isOk())
                .andExpect(jsonPath("$.availableQuantity").value(5));
        String cart = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/carts/{id}/items", cart).header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"productId\": \"" + product + "\", \"quantity\": 2}"))
                .andExpect(status().isCreated());

        String body = fixtures.checkout(token, cart, UUID.randomUUID().toString())
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/orders/")))
                .andExpect(jsonPath("$.status").value("PENDING_PAYMENT"))
                .andExpect(jsonPath("$.total.amount").value(6900))
                .andExpect(jsonPath("$.total.currency").value("EUR"))
                .andExpect(jsonPath("$.payment.provider").value("stripe"))
                .andExpect(jsonPath("$.payment.clientSecret").isNotEmpty())
                .andExpect(jsonPath("$.payment.publishableKey").isNotEmpty())
                .andReturn().getResponse().getContentAsString();
        String orderId = JsonPath.read(body, "$.orderId");
        String intent = JsonPath.read(body, "$.payment.paymentIntentId");
        assertThat(fixtures.stock(product)).containsExactly(5, 2);
        mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.items", hasSize(0)));
        assertThat(fixtures.stripe.intentJson(intent).path("metadata").path("order_id").asString()).isEqualTo(orderId);
        assertThat(fixtures.stripe.intentJson(intent).path("amount").asLong()).isEqualTo(6900);

        StripeEvents.deliver(mvc, StripeEvents.paymentSucceeded(intent)).andExpect(status().isOk());

        fixtures.awaitStatus(orderId, "PAID");
        mvc.perform(get("/api/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.paidAt").isNotEmpty())
                .andExpect(jsonPath("$.lines[0].name").value("Journey Teapot"))
                .andExpect(jsonPath("$.lines[0].unitPrice.amount").value(3450))
                .andExpect(jsonPath("$.lines[0].quantity").value(2))
                .andExpect(jsonPath("$.shippingAddress.city").value("London"));
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
        // the order keeps the buyer's address for mail, and its events tell it
        assertThat(jdbc.queryForObject("select email from orders_order where id = unhex(replace(?, '-', ''))",
                String.class, orderId)).isEqualTo(email);
        assertThat(fixtures.publications(OrderPlaced.class, "\"email\":\"" + email + "\"")).isEqualTo(1);
        assertThat(fixtures.publications(OrderPaid.class, "\"email\":\"" + email + "\"")).isEqualTo(1);
        mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.content", hasSize(1)))
                .andExpect(jsonPath("$.content[0].id").value(orderId))
                .andExpect(jsonPath("$.page.totalElements").value(1));
    }

    @Test
    void whenStripeIsDownTheOrderWaitsAndItsPaymentStartsLater() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Patient", 7777, 3);
        String cart = fixtures.cartWith(product, 1);
        var down = fixtures.stripeFails("/v1/payment_intents", "amount=7777", 503, "api_error", "Service unavailable");
        String orderId;
        try {
            String body = fixtures.checkout(token, cart, UUID.randomUUID().toString())
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.status").value("PENDING_PAYMENT"))
                    .andExpect(jsonPath("$.payment").doesNotExist())
                    .andExpect(jsonPath("$.paymentNote").isNotEmpty())
                    .andReturn().getResponse().getContentAsString();
            orderId = JsonPath.read(body, "$.orderId");
            assertThat(fixtures.stock(product)).containsExactly(3, 1);
            mvc.perform(get("/api/orders/{id}/payment", orderId).header(HttpHeaders.AUTHORIZATION, token))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/payment-provider-unavailable"));
        } finally {
            fixtures.stripe.server().removeStub(down);
        }

        String first = JsonPath.read(mvc.perform(get("/api/orders/{id}/payment", orderId)
                        .header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clientSecret").isNotEmpty())
                .andReturn().getResponse().getContentAsString(), "$.paymentIntentId");
        String again = JsonPath.read(mvc.perform(get("/api/orders/{id}/payment", orderId)
                        .header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.paymentIntentId");
        assertThat(again).isEqualTo(first);
        assertThat(fixtures.stripe.intentsFor(orderId)).isEqualTo(1);
    }

    @Test
    void anEmptyCartIsABadRequestAndAStrangersCartIsNotFound() throws Exception {
        String token = Tokens.customer();
        String empty = JsonPath.read(mvc.perform(post("/api/carts")).andReturn().getResponse().getContentAsString(), "$.id");
        fixtures.checkout(token, empty, null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/empty-cart"));

        UUID product = fixtures.catalog.product("Private Item", 100, 3);
        String owner = Tokens.customer();
        String owned = JsonPath.read(mvc.perform(post("/api/carts").header(HttpHeaders.AUTHORIZATION, owner))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/carts/{id}/items", owned).header(HttpHeaders.AUTHORIZATION, owner)
                .contentType(MediaType.APPLICATION_JSON).content("{\"productId\": \"" + product + "\", \"quantity\": 1}"));
        fixtures.checkout(token, owned, null).andExpect(status().isNotFound());
        fixtures.checkout(token, UUID.randomUUID().toString(), null).andExpect(status().isNotFound());
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
    }

    @Test
    void invalidBodiesAndAnonymousCallersAreRefused() throws Exception {
        String cart = fixtures.cartWith(fixtures.catalog.product("Valid", 100, 3), 1);
        mvc.perform(post("/api/checkout").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + OrderFixtures.ADDRESS + "}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/checkout").header(HttpHeaders.AUTHORIZATION, Tokens.customer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cartId\": \"" + cart + "\", \"shippingAddress\": {\"name\": \"\", \"country\": \"Germany\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'shippingAddress.country')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'shippingAddress.line1')]").exists());
    }

    @Test
    void aShortageIsAConflictListingTheProductsAndWritesNothing() throws Exception {
        UUID plenty = fixtures.catalog.product("Plenty", 100, 10);
        UUID scarce = fixtures.catalog.product("Scarce", 100, 2);
        String cart = fixtures.cartWith(plenty, 3);
        fixtures.addToCart(cart, scarce, 2).andExpect(status().isCreated());
        fixtures.catalog.setStock(scarce, 1);
        String token = Tokens.customer();
        int ordersBefore = jdbc.queryForObject("select count(*) from orders_order", Integer.class);

        fixtures.checkout(token, cart, null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/insufficient-stock"))
                .andExpect(jsonPath("$.products", hasSize(1)))
                .andExpect(jsonPath("$.products[0].productId").value(scarce.toString()))
                .andExpect(jsonPath("$.products[0].requested").value(2))
                .andExpect(jsonPath("$.products[0].available").value(1));

        assertThat(jdbc.queryForObject("select count(*) from orders_order", Integer.class)).isEqualTo(ordersBefore);
        assertThat(fixtures.stock(plenty)).containsExactly(10, 0);
        mvc.perform(get("/api/carts/{id}", cart)).andExpect(jsonPath("$.items", hasSize(2)));
    }

    @Test
    void aProductTakenOffSaleBlocksTheCheckout() throws Exception {
        UUID kept = fixtures.catalog.product("Kept", 100, 5);
        UUID withdrawn = fixtures.catalog.product("Withdrawn", 100, 5);
        String cart = fixtures.cartWith(kept, 1);
        fixtures.addToCart(cart, withdrawn, 1).andExpect(status().isCreated());
        fixtures.catalog.deactivate(withdrawn);

        fixtures.checkout(Tokens.customer(), cart, null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/product-unavailable"))
                .andExpect(jsonPath("$.productIds[0]").value(withdrawn.toString()));
        assertThat(fixtures.stock(kept)).containsExactly(5, 0);
        mvc.perform(get("/api/carts/{id}", cart)).andExpect(jsonPath("$.items", hasSize(2)));
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseAndAnotherBodyIsRefused() throws Exception {
        String token = Tokens.customer();
        String cart = fixtures.cartWith(fixtures.catalog.product("Replayed", 700, 5), 1);
        String key = UUID.randomUUID().toString();
        String first = fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String second = fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        assertThat(second).isEqualTo(first);

        String otherCart = fixtures.cartWith(fixtures.catalog.product("Other", 700, 5), 1);
        fixtures.checkout(token, otherCart, key).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/idempotency-key-reused"));
        // another customer's use of the same key is their own
        fixtures.checkout(Tokens.customer(), otherCart, key).andExpect(status().isCreated());
    }

    @Test
    void aKeyWhoseFirstRequestDiedAfterPlacingTheOrderAnswersWithThatOrder() throws Exception {
        String token = Tokens.customer();
        String cart = fixtures.cartWith(fixtures.catalog.product("Interrupted", 1300, 5), 1);
        String key = UUID.randomUUID().toString();
        String first = fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String orderId = JsonPath.read(first, "$.orderId");
        // as if the instance died after committing the order, before storing the response
        fixtures.asIfFirstRequestDied(key, false);

        String again = fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();

        assertThat((String) JsonPath.read(again, "$.orderId")).isEqualTo(orderId);
        assertThat((String) JsonPath.read(again, "$.payment.paymentIntentId"))
                .isEqualTo(JsonPath.read(first, "$.payment.paymentIntentId"));
        assertThat(fixtures.stripe.intentsFor(orderId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from orders_idempotency_key where idempotency_key = ? and completed_at is not null",
                Integer.class, key)).isEqualTo(1);
    }

    @Test
    void aKeyWhoseFirstRequestDiedAnswersWithTheOrderCancelledMeanwhileAndStartsNoNewPayment() throws Exception {
        String token = Tokens.customer();
        String cart = fixtures.cartWith(fixtures.catalog.product("Given Up", 1400, 5), 1);
        String key = UUID.randomUUID().toString();
        String first = fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String orderId = JsonPath.read(first, "$.orderId");
        String intent = JsonPath.read(first, "$.payment.paymentIntentId");
        mvc.perform(post("/api/orders/{id}/cancel", orderId).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk());
        // as if the instance had died after committing the order, before storing the response
        fixtures.asIfFirstRequestDied(key, false);

        fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                .andExpect(jsonPath("$.orderId").value(orderId))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.payment.paymentIntentId").value(intent))
                .andExpect(jsonPath("$.payment.status").value("CANCELLED"));

        assertThat(fixtures.stripe.intentsFor(orderId)).isEqualTo(1);
        assertThat(fixtures.statusOf(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void aKeyWhoseFirstRequestDiedBeforePlacingAnythingIsTakenOver() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Retried", 1300, 5);
        String cart = fixtures.cartWith(product, 1);
        String key = UUID.randomUUID().toString();
        fixtures.checkout(token, cart, key).andExpect(status().isCreated());
        // as if that first request had died before its transaction committed: no order, a bare claim
        committed.update("delete from orders_order where customer_id = (select owner_id from orders_idempotency_key where idempotency_key = ?)", key);
        fixtures.setReserved(product, 0);
        fixtures.addToCart(cart, product, 1).andExpect(status().isCreated());
        fixtures.asIfFirstRequestDied(key, true);

        String body = fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();

        assertThat(fixtures.statusOf(JsonPath.read(body, "$.orderId"))).isEqualTo("PENDING_PAYMENT");
        assertThat(fixtures.stock(product)).containsExactly(5, 1);
    }

    @Test
    void aRequestWhoseKeyWasTakenOverWhileItRanIsAConflictAndKeepsNothing() throws Exception {
        UUID customer = UUID.randomUUID();
        String token = Tokens.customer(customer);
        UUID product = fixtures.catalog.product("Contested", 1500, 5);
        String cart = fixtures.cartWith(product, 1);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<MockHttpServletResponse> first;
        try (Connection lock = dataSource.getConnection()) {
            // the first request is slow: it waits for the cart's row lock
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement(
                    "select id from cart_cart where id = unhex(replace(?, '-', '')) for update")) {
                select.setString(1, cart);
                select.executeQuery().close();
            }
            first = pool.submit(() -> fixtures.checkout(token, cart, key).andReturn().getResponse());
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from orders_idempotency_key where idempotency_key = ?", Integer.class, key) == 1);
            // meanwhile a repetition took it for dead and gave its claim up (what a takeover does)
            committed.update("delete from orders_idempotency_key where idempotency_key = ?", key);
            lock.rollback();
        }
        MockHttpServletResponse response = first.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat((String) JsonPath.read(response.getContentAsString(), "$.type"))
                .isEqualTo("https://shop.example/problems/request-in-progress");
        assertThat(jdbc.queryForObject("select count(*) from orders_order where customer_id = unhex(replace(?, '-', ''))",
                Integer.class, customer.toString())).isZero();
        assertThat(fixtures.stock(product)).containsExactly(5, 0);
        mvc.perform(get("/api/carts/{id}", cart)).andExpect(jsonPath("$.items", hasSize(1)));
        // repeating it places the order once
        fixtures.checkout(token, cart, key).andExpect(status().isCreated());
        assertThat(fixtures.stock(product)).containsExactly(5, 1);
    }

    @Test
    void tenConcurrentRequestsWithOneKeyMakeOneOrderAndOnePaymentIntent() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Once", 1200, 20);
        String cart = fixtures.cartWith(product, 2);
        String key = UUID.randomUUID().toString();
        List<MockHttpServletResponse> responses = concurrently(10, i -> fixtures.checkout(token, cart, key)
                .andReturn().getResponse());

        Set<String> bodies = new HashSet<>();
        for (MockHttpServletResponse response : responses) {
            assertThat(response.getStatus()).isEqualTo(201);
            bodies.add(response.getContentAsString());
        }
        assertThat(bodies).hasSize(1);
        String orderId = JsonPath.read(bodies.iterator().next(), "$.orderId");
        assertThat(fixtures.stripe.intentsFor(orderId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from orders_order where customer_id = unhex(replace(?, '-', ''))",
                Integer.class, fixtures.orderColumn(orderId, "lower(hex(customer_id))", String.class)))
                .isEqualTo(1);
        assertThat(fixtures.stock(product)).containsExactly(20, 2);
    }

    @Test
    void fiftyCustomersCompetingForTheLastTenUnitsMakeExactlyTenOrders() throws Exception {
        UUID product = fixtures.catalog.product("Last Ten", 999, 10);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            carts.add(fixtures.cartWith(product, 1));
        }
        List<MockHttpServletResponse> responses = concurrently(50, i -> fixtures.checkout(Tokens.customer(),
                carts.get(i), UUID.randomUUID().toString()).andReturn().getResponse());

        long created = responses.stream().filter(r -> r.getStatus() == 201).count();
        long conflicts = responses.stream().filter(r -> r.getStatus() == 409).count();
        assertThat(created).isEqualTo(10);
        assertThat(conflicts).isEqualTo(40);
        assertThat(fixtures.stock(product)).containsExactly(10, 10);
        assertThat(jdbc.queryForObject("""
                select count(*) from orders_order_line where product_id = unhex(replace(?, '-', ''))""",
                Integer.class, product.toString())).isEqualTo(10);
        mvc.perform(get("/api/products/{id}", product)).andExpect(jsonPath("$.availableQuantity").value(0));
    }

    interface Call {
        MockHttpServletResponse run(int index) throws Exception;
    }

    private static List<MockHttpServletResponse> concurrently(int threads, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<MockHttpServletResponse>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<MockHttpServletResponse> responses = new ArrayList<>();
            for (Future<MockHttpServletResponse> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
