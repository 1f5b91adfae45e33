package com.example.shop.orders;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.OtherInstance;
import com.example.shop.testsupport.QuietSchedulers;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.SseClient;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live order status with Redis configured (and {@code shop.orders.events.fan-out} left unset, so the default
 * for Redis applies), next to "another instance": a connection of the test's own that publishes and listens on the
 * same channel as that instance would (key prefix random per run). A server on a random port, streams read by a
 * real SSE client. The heartbeat is a minute, so a change that arrives within a second came through the channel,
 * not through the heartbeat's comparison of versions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.com.example.shop=INFO",
        "spring.data.redis.host=${SHOP_TEST_REDIS_HOST:127.0.0.1}",
        "spring.data.redis.port=${SHOP_TEST_REDIS_PORT:6379}",
        "shop.orders.events.heartbeat=60s"
})
@QuietSchedulers
@DirtiesContext
class OrderStreamsAcrossInstancesTests {

    private static final String PREFIX = "shop-test-" + UUID.randomUUID();
    private static final String TOPIC = "orders.changed";
    private static final Duration WAIT = Duration.ofSeconds(10);

    static OtherInstance other;
    static BlockingQueue<String> heard;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    MeterRegistry meters;

    ShopHttp app;
    String customerToken;

    @DynamicPropertySource
    static void prefix(DynamicPropertyRegistry registry) {
        registry.add("shop.redis.key-prefix", () -> PREFIX);
    }

    @BeforeAll
    static void connectTheOtherInstance() {
        other = OtherInstance.listeningTo(PREFIX, TOPIC);
        heard = other.heard(TOPIC);
    }

    @AfterAll
    static void disconnectTheOtherInstance() {
        if (other != null) {
            other.close();
        }
    }

    @BeforeEach
    void connect() {
        app = new ShopHttp(port);
        customerToken = Tokens.customer(UUID.randomUUID());
        OtherInstance.awaitSubscribed(meters, TOPIC);
        heard.clear();
    }

    @Test
    void aChangeAnotherInstanceAnnouncesReachesAStreamOpenHereWithinASecond() throws Exception {
        String order = place().id();
        try (SseClient stream = SseClient.open(port, "/api/orders/" + order + "/events",
                Map.of("Authorization", customerToken))) {
            SseClient.Event first = stream.next(WAIT);
            assertThat(first).isNotNull();
            assertThat((Boolean) JsonPath.read(first.data(), "$.disputed")).isFalse();

            // another instance commits a change to the order: nothing reaches this stream by itself before the heartbeat
            committed.update("update orders_order set disputed = true, version = version + 1 "
                    + "where id = unhex(replace(?, '-', ''))", order);
            assertThat(stream.next(Duration.ofSeconds(1))).isNull();

            // ... and announces it
            other.announce(TOPIC, order);
            long sent = System.nanoTime();
            SseClient.Event next = stream.next(Duration.ofSeconds(1));
            assertThat(next).as("an event within a second of the announcement").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            assertThat((Boolean) JsonPath.read(next.data(), "$.disputed")).isTrue();
            assertThat(Long.parseLong(next.id())).isEqualTo(Long.parseLong(first.id()) + 1);
        }
    }

    @Test
    void aChangeHereReachesTheStreamsHereAndIsAnnouncedToTheOtherInstances() throws Exception {
        Placed placedOrder = place();
        String order = placedOrder.id();
        String placed = heard.poll(1, TimeUnit.SECONDS);
        assertThat(placed).as("OrderPlaced announced").isNotNull().endsWith(" " + order);

        try (SseClient stream = SseClient.open(port, "/api/orders/" + order + "/events",
                Map.of("Authorization", customerToken))) {
            assertThat((String) JsonPath.read(stream.next(WAIT).data(), "$.status")).isEqualTo("PENDING_PAYMENT");

            app.deliver(StripeEvents.paymentSucceeded(placedOrder.paymentIntentId()));

            SseClient.Event paid = stream.next(Duration.ofSeconds(1));
            assertThat(paid).as("this instance's stream within a second").isNotNull();
            assertThat((String) JsonPath.read(paid.data(), "$.status")).isEqualTo("PAID");
            String message = heard.poll(1, TimeUnit.SECONDS);
            assertThat(message).as("OrderPaid announced within a second").isNotNull();
            String[] parts = message.split(" ", 2);
            assertThat(parts[0]).isEqualTo(placed.split(" ", 2)[0]).hasSize(36);
            assertThat(parts[1]).isEqualTo(order);
        }
    }

    private record Placed(String id, String paymentIntentId) {
    }

    private Placed place() throws Exception {
        UUID product = app.product("Live " + UUID.randomUUID().toString().substring(0, 6), 1200, 5);
        HttpResponse<String> checkout = app.checkout(customerToken, product, Map.of());
        return new Placed(JsonPath.read(checkout.body(), "$.orderId"),
                JsonPath.read(checkout.body(), "$.payment.paymentIntentId"));
    }
}
