package com.example.shop.orders;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as it runs: a real server on a random port called with a plain HTTP client (no MockMvc),
 * and the scheduled jobs left to themselves (failed event publications resubmitted every second).
 * Same database set-up as {@code @IntegrationTest} (the test environment provides it); its own context,
 * closed after this class so its schedulers do not run on under other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shop.cors.allowed-origins=https://storefront.example",
        "logging.level.com.example.shop=INFO",
        "shop.events.resubmission-interval=1s"
})
@DirtiesContext
class RunningApplicationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    ShopHttp app;

    @BeforeEach
    void connect() {
        app = new ShopHttp(port);
    }

    @Test
    void theWholeStorefrontJourneyOverHttp() throws Exception {
        UUID product = app.product("Socket Teapot", 3450, 5);
        String email = "socket-" + UUID.randomUUID() + "@example.com";

        assertThat(app.call("POST", "/api/auth/register", null, Map.of(),
                "{\"email\": \"" + email + "\", \"password\": \"correct horse\", \"name\": \"Ada\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> login = app.call("POST", "/api/auth/login", null, Map.of(),
                "{\"email\": \"" + email + "\", \"password\": \"correct horse\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String token = "Bearer " + JsonPath.read(login.body(), "$.accessToken");

        HttpResponse<String> browse = app.call("GET", "/api/products/" + product, null, Map.of(), null);
        assertThat(browse.statusCode()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(browse.body(), "$.availableQuantity")).isEqualTo(5);
        assertThat(app.call("GET", "/api/products?size=5", null, Map.of(), null).statusCode()).isEqualTo(200);

        String cart = JsonPath.read(app.call("GET", "/api/carts/mine", token, Map.of(), null).body(), "$.id");
        assertThat(app.call("POST", "/api/carts/" + cart + "/items", token, Map.of(),
                "{\"productId\": \"" + product + "\", \"quantity\": 2}").statusCode()).isEqualTo(201);

        HttpResponse<String> checkout = app.call("POST", "/api/checkout", token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                "{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + ShopHttp.ADDRESS + "}");
        assertThat(checkout.statusCode()).isEqualTo(201);
        assertThat(checkout.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("/api/orders/"));
        String orderId = JsonPath.read(checkout.body(), "$.orderId");
        String intent = JsonPath.read(checkout.body(), "$.payment.paymentIntentId");
        assertThat((String) JsonPath.read(checkout.body(), "$.payment.clientSecret")).isNotBlank();
        assertThat((Integer) JsonPath.read(checkout.body(), "$.total.amount")).isEqualTo(6900);
        assertThat(stock(product)).containsExactly(5, 2);

        // the customer pays with Stripe.js; Stripe posts the signed event to the webhook
        app.deliver(StripeEvents.paymentSucceeded(intent));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                "PAID".equals(JsonPath.read(app.call("GET", "/api/orders/" + orderId, token, Map.of(), null).body(),
                        "$.status")));
        assertThat(stock(product)).containsExactly(3, 0);
        HttpResponse<String> mine = app.call("GET", "/api/orders", token, Map.of(), null);
        assertThat(JsonPath.<List<String>>read(mine.body(), "$.content[*].id")).containsExactly(orderId);
        assertThat(app.call("GET", "/api/orders/" + orderId, Tokens.customer(), Map.of(), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aListenerThatFailsOnceEndsPaidThroughTheScheduledResubmission() throws Exception {
        UUID product = app.product("Scheduled", 900, 5);
        String token = Tokens.customer();
        String cart = JsonPath.read(app.call("POST", "/api/carts", null, Map.of(), null).body(), "$.id");
        app.call("POST", "/api/carts/" + cart + "/items", null, Map.of(), "{\"productId\": \"" + product + "\", \"quantity\": 2}");
        HttpResponse<String> checkout = app.call("POST", "/api/checkout", token, Map.of(),
                "{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + ShopHttp.ADDRESS + "}");
        assertThat(checkout.statusCode()).isEqualTo(201);
        String orderId = JsonPath.read(checkout.body(), "$.orderId");
        // committing 2 reserved units fails while none are reserved: orders' reaction to the payment fails
        setReserved(product, 0);

        app.deliver(StripeEvents.paymentSucceeded(JsonPath.read(checkout.body(), "$.payment.paymentIntentId")));

        // it failed, and the scheduled resubmission has delivered it again (and it failed again) by itself
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(orderId) >= 1);
        assertThat(status(orderId)).isEqualTo("PENDING_PAYMENT");

        setReserved(product, 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(status(orderId)));
        assertThat(stock(product)).containsExactly(3, 0);
    }




    private String status(String orderId) {
        return jdbc.queryForObject("select status from orders_order where id = unhex(replace(?, '-', ''))", String.class,
                orderId);
    }

    /** Redeliveries of orders' reaction to the order's payment so far (0 while none, or when completed). */
    private int attempts(String orderId) {
        List<Integer> attempts = jdbc.queryForList("""
                select completion_attempts from event_publication
                where listener_id like '%PaymentEventListeners%' and serialized_event like ?""", Integer.class,
                "%" + orderId + "%");
        return attempts.isEmpty() ? 0 : attempts.get(0);
    }

    private int[] stock(UUID product) {
        return jdbc.queryForObject("select on_hand, reserved from catalog_stock where product_id = unhex(replace(?, '-', ''))",
                (rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) }, product.toString());
    }

    private void setReserved(UUID product, int reserved) {
        committed.update("update catalog_stock set reserved = ? where product_id = unhex(replace(?, '-', ''))", reserved,
                product.toString());
    }
}
