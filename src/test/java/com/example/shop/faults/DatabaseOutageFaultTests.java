package com.example.shop.faults;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.example.shop.payments.StripeEvents;
import com.example.shop.payments.StripeSignatures;
import com.example.shop.testsupport.DatabaseBehindProxy;
import com.example.shop.testsupport.Invariants;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.TcpProxy;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database unreachable for a while (30 s unless {@code FAULTS_OUTAGE} / {@code -Dfaults.outage} says
 * otherwise, e.g. {@code 10s}) under steady checkouts and Stripe webhooks: the connection between the pool and the
 * real database is cut by a proxy, every open connection dropped and new ones refused, then restored.
 * <ul>
 * <li>Every answer during the outage is a 2xx or a 503 with {@code Retry-After}: never a 500, never a hang past
 * the client's 15 s timeout (the pool gives up waiting for a connection after 2 s here, 5 s in production; a
 * repeated checkout waits up to 10 s for its first attempt).</li>
 * <li>A webhook that cannot be recorded is answered non-2xx, so Stripe sends it again; redelivered (and duplicated)
 * here until it is answered 200, as Stripe does.</li>
 * <li>The pool recovers by itself, and afterwards every invariant holds: stock, orders, payments, event
 * publications, and each paid order took its units once.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.validation-timeout=1000",
        // a checkout whose first attempt placed the order but could not record its answer (the outage began in
        // between) is answered from the order once its claim is this old; Stripe answers at once here
        "shop.idempotency.stale-after=15s",
        "shop.events.resubmission-initial-delay=1s",
        "shop.events.resubmission-interval=1s",
        "shop.events.staleness=15s",
        "shop.events.staleness-check-interval=2s",
        "shop.payments.reconciliation.initial-delay=1h",
        "shop.orders.payment-timeout-initial-delay=1h",
        "shop.cart.purge-initial-delay=1h",
        "shop.idempotency.purge-initial-delay=1h",
        "logging.level.com.example.shop=WARN",
        "logging.level.com.zaxxer.hikari=ERROR",
        "logging.level.org.hibernate.engine.jdbc=ERROR",
        "logging.level.org.springframework.modulith=ERROR"
})
@Import(DatabaseBehindProxy.class)
@DirtiesContext
class DatabaseOutageFaultTests {

    /**
     * Longer than the longest a request may take by design during an outage: a repeated checkout waits up to
     * {@code shop.idempotency.wait-for-first} (10 s) for its first attempt, each database access up to the pool's
     * 2 s connection timeout.
     */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);
    static final int STOCK = 1000;

    @LocalServerPort
    int port;

    @Autowired
    TcpProxy database;

    @Autowired
    DataSource dataSource;

    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Queue<String> problems = new ConcurrentLinkedQueue<>();
    final AtomicBoolean outageOn = new AtomicBoolean(false);
    final AtomicInteger answeredDuringOutage = new AtomicInteger();

    @Test
    void requestsDuringAnOutageAre503WithRetryAfterWebhooksAreRetriedAndAfterwardsEverythingIsConsistent()
            throws Exception {
        Duration outage = outage();
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        ShopHttp app = new ShopHttp(port, CLIENT_TIMEOUT);
        List<UUID> products = List.of(app.product("Outage Kettle", 1500, STOCK), app.product("Outage Mug", 700, STOCK));

        Queue<String> toPay = new ConcurrentLinkedQueue<>();          // order ids placed, payment not known yet
        Queue<Webhook> toDeliver = new ConcurrentLinkedQueue<>();     // Stripe's pending deliveries
        List<String> orders = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean checkoutsDone = new AtomicBoolean(false);
        AtomicInteger webhooksRefusedDuringOutage = new AtomicInteger();

        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(load.submit(() -> {
                String token = Tokens.customer(UUID.randomUUID());
                while (running.get()) {
                    UUID product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
                    String order = checkout(app, token, product);
                    if (order != null) {
                        orders.add(order);
                        toPay.add(order + " " + token);
                    }
                    pause(50);
                }
                return null;
            }));
        }
        workers.add(load.submit(() -> {
            while (!checkoutsDone.get() || !toPay.isEmpty() || !toDeliver.isEmpty()) {
                String next = toPay.poll();
                if (next != null) {
                    String[] orderAndToken = next.split(" ", 2);
                    String intent = paymentIntent(app, orderAndToken[0], orderAndToken[1]);
                    if (intent == null) {
                        toPay.add(next); // payment not reachable yet: ask again later
                    } else {
                        toDeliver.add(new Webhook(StripeEvents.paymentSucceeded(intent)));
                    }
                }
                Webhook webhook = toDeliver.poll();
                if (webhook != null) {
                    // a delivery sent while the database is away may be answered just after it is back
                    boolean sentDuringOutage = outageOn.get();
                    int status = deliver(app, webhook.payload);
                    if (status != 200) {
                        if (sentDuringOutage || outageOn.get()) {
                            webhooksRefusedDuringOutage.incrementAndGet();
                        }
                        toDeliver.add(webhook); // Stripe retries a non-2xx delivery with the same event
                    } else if (ThreadLocalRandom.current().nextInt(4) == 0 && webhook.duplicates < 2) {
                        webhook.duplicates++;
                        toDeliver.add(webhook); // and sometimes delivers an acknowledged event again
                    }
                }
                if (next == null && webhook == null) {
                    pause(50);
                } else if (outageOn.get()) {
                    pause(100);
                }
            }
            return null;
        }));

        // payments made just before the outage, whose webhooks Stripe sends while the database is away
        List<Webhook> sentDuringOutage = new ArrayList<>();
        String buyer = Tokens.customer(UUID.randomUUID());
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> placed = app.checkout(buyer, products.get(i % 2), Map.of());
            orders.add(JsonPath.read(placed.body(), "$.orderId"));
            sentDuringOutage.add(new Webhook(StripeEvents.paymentSucceeded(
                    JsonPath.read(placed.body(), "$.payment.paymentIntentId"))));
        }
        pause(2000);
        outageOn.set(true);
        database.cut();
        toDeliver.addAll(sentDuringOutage);
        pause(outage.toMillis());
        database.restore();
        outageOn.set(false);
        Instant restored = Instant.now();
        // the pool is back by itself: a request that needs the database answers 2xx again
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                app.call("POST", "/api/carts", null, Map.of(), null).statusCode() == 201);
        Duration recovery = Duration.between(restored, Instant.now());
        pause(3000);
        running.set(false);
        for (Future<?> checkouts : workers.subList(0, 3)) {
            checkouts.get(2, TimeUnit.MINUTES);
        }
        checkoutsDone.set(true);
        workers.get(3).get(2, TimeUnit.MINUTES);
        load.shutdown();

        assertThat(problems).as("answers that break the outage contract").isEmpty();
        assertThat(statuses).as("answers by status").containsKey("201");
        assertThat(statuses.keySet()).as("answers by status: %s", statuses).allMatch(s -> s.startsWith("2")
                || s.equals("503") || s.equals("409"));
        assertThat(statuses).as("the outage was felt: %s", statuses).containsKey("503");
        assertThat(answeredDuringOutage.get()).as("requests answered (503) during the outage").isPositive();
        assertThat(webhooksRefusedDuringOutage.get()).as("webhooks answered non-2xx during the outage").isPositive();
        assertThat(recovery).as("time for the pool to recover").isLessThan(Duration.ofSeconds(30));
        assertThat(orders).isNotEmpty();

        Invariants invariants = Invariants.on(dataSource);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(invariants.violations(since, Duration.ZERO)).isEmpty());
        invariants.assertHold(since, Duration.ZERO);
        assertThat(invariants.stockSold(Map.of(products.get(0), STOCK, products.get(1), STOCK))).isEmpty();
        for (String order : orders) {
            assertThat(status(app, order)).as("order %s", order).isEqualTo("PAID");
        }
    }

    /** A checkout of one unit; the order id when it was placed, null when it was refused (and may be sent again). */
    private String checkout(ShopHttp app, String token, UUID product) {
        HttpResponse<String> cart = call(app, "POST", "/api/carts", null, Map.of(), null);
        if (cart == null || cart.statusCode() != 201) {
            return null;
        }
        String cartId = JsonPath.read(cart.body(), "$.id");
        HttpResponse<String> item = call(app, "POST", "/api/carts/" + cartId + "/items", null, Map.of(),
                "{\"productId\": \"" + product + "\", \"quantity\": 1}");
        if (item == null || item.statusCode() != 201) {
            return null;
        }
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; attempt < 100; attempt++) {
            // a refused checkout is sent again with the same Idempotency-Key, as the contract says it may be
            HttpResponse<String> placed = call(app, "POST", "/api/checkout", token, Map.of("Idempotency-Key", key),
                    "{\"cartId\": \"" + cartId + "\", \"shippingAddress\": " + ShopHttp.ADDRESS + "}");
            if (placed != null && placed.statusCode() == 201) {
                return JsonPath.read(placed.body(), "$.orderId");
            }
            if (placed != null && placed.statusCode() != 503 && placed.statusCode() != 409) {
                return null;
            }
            pause(500);
        }
        return null;
    }

    /** The order's PaymentIntent, started now if checkout could not; null while that is refused. */
    private String paymentIntent(ShopHttp app, String order, String token) {
        HttpResponse<String> payment = call(app, "GET", "/api/orders/" + order + "/payment", token, Map.of(), null);
        return payment != null && payment.statusCode() == 200 ? JsonPath.read(payment.body(), "$.paymentIntentId")
                : null;
    }

    private int deliver(ShopHttp app, String payload) {
        HttpResponse<String> response = call(app, "POST", StripeEvents.WEBHOOK, null,
                Map.of("Stripe-Signature", StripeSignatures.header(payload)), payload);
        return response == null ? 0 : response.statusCode();
    }

    private String status(ShopHttp app, String order) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT status FROM orders_order WHERE id = UNHEX(?)",
                String.class, order.replace("-", ""));
    }

    /** One call, its status counted; a 5xx other than a 503 with Retry-After, or a hang, is a problem. */
    private HttpResponse<String> call(ShopHttp app, String method, String path, String token,
            Map<String, String> headers, String json) {
        try {
            HttpResponse<String> response = app.call(method, path, token, headers, json);
            if (outageOn.get() && response.statusCode() == 503) {
                answeredDuringOutage.incrementAndGet();
            }
            statuses.computeIfAbsent(Integer.toString(response.statusCode()), s -> new AtomicInteger())
                    .incrementAndGet();
            if (response.statusCode() >= 500 && (response.statusCode() != 503
                    || response.headers().firstValue("Retry-After").isEmpty())) {
                problems.add(method + " " + path + " answered " + response.statusCode() + " "
                        + response.headers().firstValue("Retry-After").orElse("(no Retry-After)") + " "
                        + response.body());
            }
            return response;
        } catch (HttpTimeoutException e) {
            problems.add(method + " " + path + " not answered within " + CLIENT_TIMEOUT);
            return null;
        } catch (Exception e) {
            problems.add(method + " " + path + " failed: " + e);
            return null;
        }
    }

    static Duration outage() {
        String given = System.getProperty("faults.outage", System.getenv().getOrDefault("FAULTS_OUTAGE", "30s"));
        return Duration.parse("PT" + given.toUpperCase());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Stripe event waiting for delivery, and how often it was delivered again after a 200. */
    static final class Webhook {
        final String payload;
        int duplicates;

        Webhook(String payload) {
            this.payload = payload;
        }
    }
}
