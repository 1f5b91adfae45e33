package com.example.shop.orders;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.example.shop.orders.internal.OrderStreamTicketsForTests;
import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.QuietSchedulers;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.SseClient;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live order status over a real socket: a server on a random port, streams read by a real SSE client
 * (the JDK's HTTP client), payments arriving as signed webhooks. A heartbeat of 2 s, so that closed streams are
 * found quickly, yet longer than the second within which the fan-out must deliver a change (the heartbeat's
 * comparison of versions would deliver it too, later); a small cap on streams so that it can be reached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.com.example.shop=INFO",
        "shop.orders.events.heartbeat=2s",
        "shop.orders.events.max-streams=4"
})
@QuietSchedulers
@DirtiesContext
class OrderEventStreamTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    ShopHttp app;
    String customer;
    String customerToken;

    @BeforeEach
    void connect() {
        app = new ShopHttp(port);
        customer = UUID.randomUUID().toString();
        customerToken = Tokens.customer(UUID.fromString(customer));
        // streams of earlier tests are found closed at the next heartbeat
        await().atMost(WAIT).until(() -> openStreams() == 0);
    }

    @Test
    void aBrowserWithATicketSeesPendingPaymentThenPaidWithinASecondOfTheWebhook() throws Exception {
        Placed order = place();
        HttpResponse<String> issued = app.call("POST", "/api/orders/" + order.id + "/events/ticket", customerToken,
                Map.of(), null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String ticket = JsonPath.read(issued.body(), "$.ticket");
        assertThat((Integer) JsonPath.read(issued.body(), "$.expiresIn")).isEqualTo(60);
        // 56 bytes: the order, the expiry, 128 random bits and a 128-bit MAC
        assertThat(ticket).matches("[A-Za-z0-9_-]{75}");

        try (SseClient stream = SseClient.open(port, "/api/orders/" + order.id + "/events?ticket=" + ticket, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            SseClient.Event first = stream.next(WAIT);
            assertThat(first).isNotNull();
            assertThat(first.name()).isEqualTo("order");
            assertThat((String) JsonPath.read(first.data(), "$.status")).isEqualTo("PENDING_PAYMENT");
            // the same JSON as GET /api/orders/{id}
            assertThat(first.data()).isEqualTo(app.call("GET", "/api/orders/" + order.id, customerToken, Map.of(),
                    null).body());

            app.deliver(StripeEvents.paymentSucceeded(order.paymentIntentId));
            long answered = System.nanoTime();

            SseClient.Event paid = stream.next(Duration.ofSeconds(1));
            assertThat(paid).as("an event within a second of the webhook's answer").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofSeconds(1));
            assertThat((String) JsonPath.read(paid.data(), "$.status")).isEqualTo("PAID");
            assertThat(Long.parseLong(paid.id())).isGreaterThan(Long.parseLong(first.id()));
            // and the heartbeat keeps it open
            await().atMost(WAIT).until(() -> stream.comments() >= 2);
        }
    }

    @Test
    void aReconnectWithLastEventIdMissesNothing() throws Exception {
        Placed order = place();
        String path = "/api/orders/" + order.id + "/events";
        String seen;
        try (SseClient stream = SseClient.open(port, path, Map.of("Authorization", customerToken))) {
            assertThat(stream.status()).isEqualTo(200);
            SseClient.Event first = stream.next(WAIT);
            assertThat((String) JsonPath.read(first.data(), "$.status")).isEqualTo("PENDING_PAYMENT");
            seen = first.id();
        }

        // paid while the browser was away
        app.deliver(StripeEvents.paymentSucceeded(order.paymentIntentId));
        await().atMost(WAIT).until(() -> "PAID".equals(status(order)));

        String current;
        try (SseClient stream = SseClient.open(port, path,
                Map.of("Authorization", customerToken, "Last-Event-ID", seen))) {
            SseClient.Event missed = stream.next(WAIT);
            assertThat((String) JsonPath.read(missed.data(), "$.status")).isEqualTo("PAID");
            assertThat(Long.parseLong(missed.id())).isGreaterThan(Long.parseLong(seen));
            current = missed.id();
        }

        // nothing changed since: nothing at once, only heartbeats; the next change arrives
        try (SseClient stream = SseClient.open(port, path,
                Map.of("Authorization", Tokens.admin(), "Last-Event-ID", current))) {
            await().atMost(WAIT).until(() -> stream.comments() >= 1);
            assertThat(stream.next(Duration.ZERO)).isNull();
            HttpResponse<String> shipped = app.call("POST", "/api/admin/orders/" + order.id + "/ship", Tokens.admin(),
                    Map.of(), "{\"carrier\": \"DHL\", \"trackingNumber\": \"JJD0001\"}");
            assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
            SseClient.Event next = stream.next(WAIT);
            assertThat((String) JsonPath.read(next.data(), "$.status")).isEqualTo("SHIPPED");
            assertThat((String) JsonPath.read(next.data(), "$.trackingNumber")).isEqualTo("JJD0001");
        }
    }

    @Test
    void aChangeNoEventAnnouncedArrivesAtTheNextHeartbeat() throws Exception {
        Placed order = place();
        try (SseClient stream = SseClient.open(port, "/api/orders/" + order.id + "/events",
                Map.of("Authorization", customerToken))) {
            SseClient.Event first = stream.next(WAIT);
            assertThat((Boolean) JsonPath.read(first.data(), "$.disputed")).isFalse();
            // as if written by another instance whose fan-out was lost
            committed.update("update orders_order set disputed = true, version = version + 1 "
                    + "where id = unhex(replace(?, '-', ''))", order.id);
            SseClient.Event next = stream.next(WAIT);
            assertThat(next).isNotNull();
            assertThat((Boolean) JsonPath.read(next.data(), "$.disputed")).isTrue();
            assertThat(Long.parseLong(next.id())).isEqualTo(Long.parseLong(first.id()) + 1);
        }
    }

    @Test
    void aTicketOpensOnlyItsOwnOrdersStreamWhileValid() throws Exception {
        Placed mine = place();
        Placed other = place();
        String ticket = JsonPath.read(app.call("POST", "/api/orders/" + mine.id + "/events/ticket", customerToken,
                Map.of(), null).body(), "$.ticket");

        assertTicketRefused(other.id, ticket);
        assertTicketRefused(mine.id, OrderStreamTicketsForTests.issued(UUID.fromString(mine.id),
                Duration.ofSeconds(61), Duration.ofSeconds(60)));
        assertTicketRefused(mine.id, "not-a-ticket");
        // one character of the MAC changed
        assertTicketRefused(mine.id, ticket.substring(0, 60) + (ticket.charAt(60) == 'A' ? 'B' : 'A')
                + ticket.substring(61));
        // a ticket is not a token: the order itself is not readable with it
        assertThat(app.call("GET", "/api/orders/" + mine.id + "?ticket=" + ticket, null, Map.of(), null).statusCode())
                .isEqualTo(401);
        // an unknown order, with a genuine ticket for it or a token
        String unknown = UUID.randomUUID().toString();
        try (SseClient stream = SseClient.open(port, "/api/orders/" + unknown + "/events?ticket="
                + OrderStreamTicketsForTests.issued(UUID.fromString(unknown), Duration.ZERO, Duration.ofSeconds(60)),
                Map.of())) {
            assertProblem(stream, 404, "order-not-found");
        }
        try (SseClient stream = SseClient.open(port, "/api/orders/" + unknown + "/events",
                Map.of("Authorization", customerToken))) {
            assertProblem(stream, 404, "order-not-found");
        }
        // another customer's order, with a token, and no ticket for an unknown order
        try (SseClient stream = SseClient.open(port, "/api/orders/" + mine.id + "/events",
                Map.of("Authorization", Tokens.customer()))) {
            assertProblem(stream, 404, "order-not-found");
        }
        assertThat(app.call("POST", "/api/orders/" + unknown + "/events/ticket", customerToken, Map.of(), null)
                .statusCode()).isEqualTo(404);
        assertThat(app.call("POST", "/api/orders/" + mine.id + "/events/ticket", Tokens.customer(), Map.of(), null)
                .statusCode()).isEqualTo(404);
        // neither token nor ticket
        try (SseClient stream = SseClient.open(port, "/api/orders/" + mine.id + "/events", Map.of())) {
            assertThat(stream.status()).isEqualTo(401);
        }
        assertThat(openStreams()).isZero();
    }

    @Test
    void anInstanceHoldsAtMostItsMaximumOfStreams() throws Exception {
        Placed order = place();
        String path = "/api/orders/" + order.id + "/events";
        SseClient[] open = new SseClient[4];
        try {
            for (int i = 0; i < open.length; i++) {
                open[i] = SseClient.open(port, path, Map.of("Authorization", customerToken));
                assertThat(open[i].status()).isEqualTo(200);
            }
            try (SseClient refused = SseClient.open(port, path, Map.of("Authorization", customerToken))) {
                assertThat(refused.response().headers().firstValue("Retry-After")).isPresent();
                assertProblem(refused, 503, "too-many-streams");
            }
            assertThat(openStreams()).isEqualTo(4);
        } finally {
            for (SseClient stream : open) {
                if (stream != null) {
                    stream.close();
                }
            }
        }
        await().atMost(WAIT).until(() -> openStreams() == 0);
        try (SseClient again = SseClient.open(port, path, Map.of("Authorization", customerToken))) {
            assertThat(again.status()).isEqualTo(200);
        }
    }

    private void assertTicketRefused(String orderId, String ticket) throws Exception {
        try (SseClient stream = SseClient.open(port, "/api/orders/" + orderId + "/events?ticket=" + ticket, Map.of())) {
            assertProblem(stream, 401, "ticket-invalid");
        }
    }

    private static void assertProblem(SseClient stream, int status, String type) {
        assertThat(stream.status()).isEqualTo(status);
        assertThat(stream.response().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(stream.body()).contains("\"type\":\"https://shop.example/problems/" + type + "\"");
    }

    private record Placed(String id, String paymentIntentId) {
    }

    private Placed place() throws Exception {
        UUID product = app.product("Live " + UUID.randomUUID().toString().substring(0, 6), 1200, 5);
        HttpResponse<String> checkout = app.checkout(customerToken, product, Map.of());
        return new Placed(JsonPath.read(checkout.body(), "$.orderId"),
                JsonPath.read(checkout.body(), "$.payment.paymentIntentId"));
    }

    private String status(Placed order) throws Exception {
        return JsonPath.read(app.call("GET", "/api/orders/" + order.id, customerToken, Map.of(), null).body(),
                "$.status");
    }

    private double openStreams() {
        return meters.get("shop.orders.streams.open").gauge().value();
    }
}
