package com.example.shop.faults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.example.shop.payments.StripeEvents;
import com.example.shop.payments.StripeStandIn;
import com.example.shop.payments.internal.PaymentReconciliation;
import com.example.shop.testsupport.Invariants;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe slow (10 s, the read timeout: every attempt times out) and then failing (500) while customers check out,
 * with duplicate, late and out-of-order webhooks for orders paid before, on a pool of only 4 database connections.
 * <ul>
 * <li>A checkout waiting for Stripe holds a request thread but no database connection: while more checkouts than
 * the pool has connections wait for Stripe, the catalog, carts and webhooks are answered at once.</li>
 * <li>Every checkout is answered 201 within the Stripe client's bound (3 attempts of 10 s), the order placed and
 * its stock reserved, with or without a PaymentIntent.</li>
 * <li>The orders stay payable: once Stripe is back the customer gets the PaymentIntent, pays, and reconciliation
 * completes the orders whose webhooks never came.</li>
 * <li>Webhooks delivered twice, late and out of order change nothing twice; afterwards every invariant holds.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.hikari.maximum-pool-size=4",
        "spring.datasource.hikari.connection-timeout=2000",
        "shop.events.resubmission-initial-delay=1s",
        "shop.events.resubmission-interval=1s",
        "shop.payments.reconciliation.initial-delay=1h",
        "shop.orders.payment-timeout-initial-delay=1h",
        "shop.cart.purge-initial-delay=1h",
        "shop.idempotency.purge-initial-delay=1h",
        "shop.events.staleness-check-interval=1h",
        "logging.level.com.example.shop=WARN"
})
@DirtiesContext
class StripeFaultTests {

    static final int STOCK = 100;
    static final int WAITING_CHECKOUTS = 8;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    PaymentReconciliation reconciliation;

    final StripeStandIn stripe = StripeStandIn.shared();

    @Test
    void aSlowThenFailingStripeHoldsNoConnectionLosesNoOrderAndReconciliationCompletesThem() throws Exception {
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        ShopHttp app = new ShopHttp(port, Duration.ofSeconds(60));
        UUID product = app.product("Fault Teapot", 1200, STOCK);
        String buyer = Tokens.customer(UUID.randomUUID());

        // two orders paid while Stripe is well: their webhooks come again later, late and out of order
        List<String> paidEarly = new ArrayList<>();
        List<String> paidEarlyIntents = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> placed = app.checkout(buyer, product, Map.of());
            paidEarly.add(JsonPath.read(placed.body(), "$.orderId"));
            paidEarlyIntents.add(JsonPath.read(placed.body(), "$.payment.paymentIntentId"));
        }
        String succeeded0 = StripeEvents.paymentSucceeded(paidEarlyIntents.get(0));
        String succeeded1 = StripeEvents.paymentSucceeded(paidEarlyIntents.get(1));
        app.deliver(succeeded0);

        List<String> placedWhileSlow = new ArrayList<>();
        StubMapping slow = stripe.slowDown("POST", "/v1/payment_intents", Duration.ofSeconds(10));
        try {
            ExecutorService customers = Executors.newFixedThreadPool(WAITING_CHECKOUTS);
            List<Future<HttpResponse<String>>> checkouts = new ArrayList<>();
            Instant started = Instant.now();
            for (int i = 0; i < WAITING_CHECKOUTS; i++) {
                String cart = cartWith(app, product);
                checkouts.add(customers.submit(() -> app.call("POST", "/api/checkout", buyer,
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                        "{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + ShopHttp.ADDRESS + "}")));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> stripe.requests("POST", "/v1/payment_intents").size()
                    >= WAITING_CHECKOUTS / 2 || checkouts.stream().allMatch(Future::isDone));
            // more checkouts wait for Stripe than the pool has connections; everything else is answered at once
            for (int i = 0; i < 3; i++) {
                assertAnsweredWithin(Duration.ofSeconds(3), () -> app.get("/api/products?size=5"), 200);
                assertAnsweredWithin(Duration.ofSeconds(3), () -> app.call("POST", "/api/carts", null, Map.of(), null),
                        201);
            }
            // meanwhile Stripe sends the second early payment's success twice and the first one's again, late
            assertAnsweredWithin(Duration.ofSeconds(3), () -> deliver(app, succeeded1), 200);
            assertAnsweredWithin(Duration.ofSeconds(3), () -> deliver(app, succeeded1), 200);
            assertAnsweredWithin(Duration.ofSeconds(3), () -> deliver(app, succeeded0), 200);
            for (Future<HttpResponse<String>> checkout : checkouts) {
                HttpResponse<String> placed = checkout.get(50, TimeUnit.SECONDS);
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
                placedWhileSlow.add(JsonPath.read(placed.body(), "$.orderId"));
            }
            // three attempts of at most 10 s each, and the backoff between them
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(45));
            customers.shutdown();
        } finally {
            stripe.server().removeStub(slow);
        }

        List<String> placedWhileFailing = new ArrayList<>();
        StubMapping failing = stripe.server().stubFor(WireMock.post(WireMock.urlPathEqualTo("/v1/payment_intents"))
                .atPriority(1).willReturn(WireMock.aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"Stripe is having a bad day\"}}")));
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> placed = app.call("POST", "/api/checkout", buyer, Map.of(),
                        "{\"cartId\": \"" + cartWith(app, product) + "\", \"shippingAddress\": " + ShopHttp.ADDRESS
                                + "}");
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
                assertThat((Object) JsonPath.read(placed.body(), "$.payment")).isNull();
                placedWhileFailing.add(JsonPath.read(placed.body(), "$.orderId"));
            }
            HttpResponse<String> payment = app.call("GET", "/api/orders/" + placedWhileFailing.get(0) + "/payment",
                    buyer, Map.of(), null);
            assertThat(payment.statusCode()).as(payment.body()).isEqualTo(503);
            assertThat(payment.headers().firstValue("Retry-After")).isPresent();
        } finally {
            stripe.server().removeStub(failing);
        }

        // Stripe is back: every order placed meanwhile is still payable; the customer pays and the webhooks are lost
        List<String> unpaid = new ArrayList<>(placedWhileSlow);
        unpaid.addAll(placedWhileFailing);
        String lateFailure = null;
        for (String order : unpaid) {
            HttpResponse<String> payment = app.call("GET", "/api/orders/" + order + "/payment", buyer, Map.of(), null);
            assertThat(payment.statusCode()).as(payment.body()).isEqualTo(200);
            String intent = JsonPath.read(payment.body(), "$.paymentIntentId");
            if (lateFailure == null) {
                // the first card was declined (its event arrives only at the very end), the second one paid
                lateFailure = StripeEvents.paymentFailed(intent);
            }
            stripe.succeed(intent);
        }
        assertThat(statusOf(unpaid)).containsOnly("PENDING_PAYMENT");

        List<String> all = new ArrayList<>(unpaid);
        all.addAll(paidEarly);
        // reconciliation takes the waiting payments a batch at a time, the longest unchecked first, as its scheduled
        // runs do; the tests before this one leave waiting payments of their own in the same database, more than
        // one batch, so it runs until it has reached this test's
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reconciliation.reconcileCreatedBefore(Instant.now().plusSeconds(1));
            assertThat(statusOf(all)).containsOnly("PAID");
        });
        app.deliver(lateFailure);
        app.deliver(succeeded1);
        Invariants invariants = Invariants.on(dataSource);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(invariants.violations(since, Duration.ZERO)).isEmpty());
        assertThat(invariants.stockSold(Map.of(product, STOCK))).isEmpty();
        assertThat(stripe.requests("POST", "/v1/refunds")).as("nothing refunded").noneMatch(r ->
                all.stream().anyMatch(order -> r.getBodyAsString().contains(order)));
    }

    private String cartWith(ShopHttp app, UUID product) throws Exception {
        String cart = JsonPath.read(app.call("POST", "/api/carts", null, Map.of(), null).body(), "$.id");
        assertThat(app.call("POST", "/api/carts/" + cart + "/items", null, Map.of(),
                "{\"productId\": \"" + product + "\", \"quantity\": 1}").statusCode()).isEqualTo(201);
        return cart;
    }

    private HttpResponse<String> deliver(ShopHttp app, String payload) throws Exception {
        return app.call("POST", StripeEvents.WEBHOOK, null,
                Map.of("Stripe-Signature", com.example.shop.payments.StripeSignatures.header(payload)), payload);
    }

    private List<String> statusOf(List<String> orders) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return orders.stream().map(order -> jdbc.queryForObject("SELECT status FROM orders_order WHERE id = UNHEX(?)",
                String.class, order.replace("-", ""))).toList();
    }

    interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static void assertAnsweredWithin(Duration limit, Call call, int status) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return call.send();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> response = answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }
}
