package com.example.shop.faults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.testsupport.OtherInstance;
import com.example.shop.testsupport.QuietSchedulers;
import com.example.shop.testsupport.RealServices;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.TcpProxy;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis cut off under a running application that uses it (rate-limit buckets, the catalog's cache invalidation):
 * the connection between the application and the machine's Redis goes through a {@link TcpProxy}, cut (every
 * connection dropped, new ones refused) and restored, while "another instance" ({@link OtherInstance}) listens on
 * Redis directly. Real HTTP on a random port, the real database.
 * <ul>
 * <li>With Redis cut, the catalog is still served, with the right content: the listing, a product's page, the
 * categories; an admin's change (a price, a new category) is served by this instance at once, since its own
 * messages reach its own caches without Redis; readiness stays UP.</li>
 * <li>The rate limits do as documented (docs/operations.md, "Rate limits across instances"): logins work and the
 * login throttle still limits, in this instance's own buckets ({@code local}); a guest order's access key is
 * refused with 429 and {@code Retry-After} ({@code reject}); {@code shop_rate_limit_store_up} is 0.</li>
 * <li>Once Redis is back, everything works as before: the shared buckets count again (a local bucket emptied
 * during the cut is not carried over), the access key opens the order, and an admin's change is served here and
 * announced to the other instances again.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.com.example.shop=INFO")
// static properties: the switch that turns Boot's Redis support on reads them before any dynamic property exists;
// the port is then moved to the proxy's (RedisBehindProxy)
@TestPropertySource(properties = {
        "spring.data.redis.host=${SHOP_TEST_REDIS_HOST:127.0.0.1}",
        "spring.data.redis.port=${SHOP_TEST_REDIS_PORT:6379}"
})
@Import(RedisOutageFaultTests.RedisBehindProxy.class)
@QuietSchedulers
@DirtiesContext
class RedisOutageFaultTests {

    private static final String PREFIX = "shop-test-" + UUID.randomUUID();
    private static final String CHANGED = "catalog.changed";
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    /** Failed logins per e-mail before the throttle answers 429 ({@code shop.security.login.per-email-attempts}). */
    private static final int PER_EMAIL = 10;
    private static final String PASSWORD = "correct horse battery";

    static OtherInstance other;
    static BlockingQueue<String> heard;

    @LocalServerPort
    int port;

    @Autowired
    TcpProxy redis;

    @Autowired
    MeterRegistry meters;

    ShopHttp app;

    /** The application's Redis connections go through a proxy the test can cut; closed with the context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RedisBehindProxy {

        @Bean(destroyMethod = "close")
        TcpProxy redisProxy() {
            return TcpProxy.to(RealServices.REDIS_HOST, RealServices.REDIS_PORT);
        }

        @Bean
        DynamicPropertyRegistrar redisThroughTheProxy(TcpProxy redisProxy) {
            return registry -> registry.add("spring.data.redis.port", redisProxy::port);
        }
    }

    @DynamicPropertySource
    static void prefix(DynamicPropertyRegistry registry) {
        registry.add("shop.redis.key-prefix", () -> PREFIX);
    }

    @BeforeAll
    static void connectTheOtherInstance() {
        other = OtherInstance.listeningTo(PREFIX, CHANGED);
        heard = other.heard(CHANGED);
    }

    @AfterAll
    static void disconnectTheOtherInstanceAndRemoveKeys() {
        if (other == null) {
            return;
        }
        other.close();
        RedisClient client = RedisClient.create(RedisURI.create(RealServices.REDIS_HOST, RealServices.REDIS_PORT));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            List<String> keys = ScanIterator.scan(commands, ScanArgs.Builder.matches(PREFIX + ":*")).stream().toList();
            if (!keys.isEmpty()) {
                commands.del(keys.toArray(String[]::new));
            }
        } catch (RedisConnectionException e) {
            // no Redis, no keys
        } finally {
            client.shutdown();
        }
    }

    @BeforeEach
    void connect() {
        app = new ShopHttp(port);
        OtherInstance.awaitSubscribed(meters, CHANGED, "catalog.availability");
        heard.clear();
    }

    @Test
    void withRedisCutTheCatalogIsServedTheLimitsFallBackAsDocumentedAndOnceItIsBackAllWorksAsBefore()
            throws Exception {
        String category = CatalogTestData.word();
        assertThat(app.call("POST", "/api/admin/categories", Tokens.admin(), Map.of(),
                "{\"slug\": \"" + category + "\", \"name\": \"Outage kettles\", \"parentSlug\": null}").statusCode())
                .isEqualTo(201);
        String slug = CatalogTestData.word() + "-kettle";
        HttpResponse<String> created = app.call("POST", "/api/admin/products", Tokens.admin(), Map.of(), """
                {"sku": "SKU-%s", "slug": "%s", "name": "Outage kettle", "description": "Boils without Redis",
                 "price": {"amount": 500, "currency": "EUR"}, "categorySlugs": ["%s"], "imageUrl": null,
                 "active": true, "stock": 10}""".formatted(slug, slug, category));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String product = JsonPath.read(created.body(), "$.id");
        String customer = register();
        String victim = register();
        Guest guest = guestOrder(product);

        // with Redis: served, and remembered in this instance's caches
        assertCatalog(slug, category, "Outage kettle", 500);
        assertThat(heard.poll(1, TimeUnit.SECONDS)).as("the product's creation announced through Redis").isNotNull();
        assertThat(storeUp()).isEqualTo(1.0);

        redis.cut();

        // the catalog: every page, with the right content
        assertCatalog(slug, category, "Outage kettle", 500);
        assertThat(app.get("/readyz").statusCode()).as("readiness leaves Redis out").isEqualTo(200);

        // an admin's change during the cut is served by this instance at once: no message through Redis needed here
        long version = adminVersion(product);
        HttpResponse<String> changed = updateProduct(product, slug, category, "Outage kettle", 650, version);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertCatalog(slug, category, "Outage kettle", 650);
        String newCategory = CatalogTestData.word();
        assertThat(app.call("POST", "/api/admin/categories", Tokens.admin(), Map.of(),
                "{\"slug\": \"" + newCategory + "\", \"name\": \"Made during the cut\", \"parentSlug\": null}")
                .statusCode()).isEqualTo(201);
        assertThat(categories()).contains(newCategory);

        // logins work; the throttle still limits, in this instance's own buckets
        assertThat(login(customer, PASSWORD).statusCode()).isEqualTo(200);
        for (int attempt = 1; attempt <= PER_EMAIL; attempt++) {
            assertThat(login(victim, "guess-" + attempt).statusCode()).as("wrong password %d", attempt).isEqualTo(401);
        }
        HttpResponse<String> throttled = login(victim, PASSWORD);
        assertThat(throttled.statusCode()).as("the right password once the e-mail has no attempts left")
                .isEqualTo(429);
        assertThat(throttled.body()).contains("too-many-login-attempts").doesNotContain("accessToken");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(storeUp()).as("shop_rate_limit_store_up").isEqualTo(0.0);
        assertThat(fallbacks("customers.login-per-email")).isGreaterThanOrEqualTo(PER_EMAIL + 1);

        // a guest order's access key: refused while the shared bucket cannot be asked
        HttpResponse<String> byKey = app.call("GET", "/api/orders/" + guest.order(), null,
                Map.of("Order-Access-Key", guest.key()), null);
        assertThat(byKey.statusCode()).isEqualTo(429);
        assertThat(byKey.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(Long.parseLong(byKey.headers().firstValue("Retry-After").orElseThrow())).isPositive();

        double subscriptions = subscriptions();
        redis.restore();

        // back: the channel subscribes again, the rate limits reach Redis again at the next request that tries it
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(() -> subscriptions() > subscriptions);
        await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(login(customer, PASSWORD).statusCode()).isEqualTo(200);
            return storeUp() == 1.0;
        });
        assertCatalog(slug, category, "Outage kettle", 650);
        // the shared buckets count again: the e-mail's failures during the cut were this instance's own
        assertThat(login(victim, "guess-after").statusCode()).isEqualTo(401);
        assertThat(login(victim, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(app.call("GET", "/api/orders/" + guest.order(), null, Map.of("Order-Access-Key", guest.key()),
                null).statusCode()).isEqualTo(200);

        // an admin's change is served here at once and reaches the other instances through Redis again
        heard.clear();
        HttpResponse<String> renamed = updateProduct(product, slug, category, "Outage kettle, returned", 700,
                adminVersion(product));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertCatalog(slug, category, "Outage kettle, returned", 700);
        String message = heard.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("the change announced on " + CHANGED).isNotNull();
        assertThat(message.split(" ", 2)[0]).isNotEqualTo(other.id).hasSize(36);
    }

    private record Guest(String order, String key) {
    }

    /** The listing of the category, the product's page and the categories, as every visitor sees them. */
    private void assertCatalog(String slug, String category, String name, long price) throws Exception {
        HttpResponse<String> page = app.get("/api/products/" + slug);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(page.body(), "$.name")).isEqualTo(name);
        assertThat(((Number) JsonPath.read(page.body(), "$.price.amount")).longValue()).isEqualTo(price);
        assertThat((Integer) JsonPath.read(page.body(), "$.availableQuantity")).isEqualTo(9);

        HttpResponse<String> listing = app.get("/api/products?category=" + category);
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(listing.body(), "$.content[*].slug")).containsExactly(slug);
        assertThat((List<String>) JsonPath.read(listing.body(), "$.content[*].name")).containsExactly(name);
        assertThat(((List<Number>) JsonPath.read(listing.body(), "$.content[*].price.amount")).stream()
                .map(Number::longValue).toList()).containsExactly(price);

        assertThat(categories()).contains(category);
    }

    private List<String> categories() throws Exception {
        HttpResponse<String> categories = app.get("/api/categories");
        assertThat(categories.statusCode()).as(categories.body()).isEqualTo(200);
        return JsonPath.read(categories.body(), "$[*].slug");
    }

    private long adminVersion(String product) throws Exception {
        HttpResponse<String> read = app.call("GET", "/api/admin/products/" + product, Tokens.admin(), Map.of(), null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return ((Number) JsonPath.read(read.body(), "$.version")).longValue();
    }

    private HttpResponse<String> updateProduct(String product, String slug, String category, String name, long price,
            long version) throws Exception {
        return app.call("PUT", "/api/admin/products/" + product, Tokens.admin(), Map.of(), """
                {"sku": "SKU-%s", "slug": "%s", "name": "%s", "description": "Boils without Redis",
                 "price": {"amount": %d, "currency": "EUR"}, "categorySlugs": ["%s"], "imageUrl": null,
                 "version": %d}""".formatted(slug, slug, name, price, category, version));
    }

    private String register() throws Exception {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = app.call("POST", "/api/auth/register", null, Map.of(),
                "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\", \"name\": \"Ada Lovelace\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return email;
    }

    private HttpResponse<String> login(String email, String password) throws Exception {
        return app.call("POST", "/api/auth/login", null, Map.of(),
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}");
    }

    /** A guest's order of one unit: its id and access key. */
    private Guest guestOrder(String product) throws Exception {
        String cart = JsonPath.read(app.call("POST", "/api/carts", null, Map.of(), null).body(), "$.id");
        assertThat(app.call("POST", "/api/carts/" + cart + "/items", null, Map.of(),
                "{\"productId\": \"" + product + "\", \"quantity\": 1}").statusCode()).isEqualTo(201);
        HttpResponse<String> placed = app.call("POST", "/api/checkout", null,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                "{\"cartId\": \"" + cart + "\", \"email\": \"guest-" + UUID.randomUUID() + "@example.com\","
                        + " \"shippingAddress\": " + ShopHttp.ADDRESS + "}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return new Guest(JsonPath.read(placed.body(), "$.orderId"), JsonPath.read(placed.body(), "$.orderAccessKey"));
    }

    private double storeUp() {
        return meters.get("shop.rate-limit.store.up").gauge().value();
    }

    private double fallbacks(String limit) {
        return meters.find("shop.rate-limit.store.fallbacks").tag("limit", limit).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double subscriptions() {
        Counter made = meters.find("shop.cluster.subscriptions").tag("topic", CHANGED).counter();
        return made == null ? 0 : made.count();
    }
}
