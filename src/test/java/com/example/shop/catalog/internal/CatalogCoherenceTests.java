package com.example.shop.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.OtherInstance;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The catalog's caches on an instance that runs with Redis, next to "another instance": a connection of the test's
 * own that publishes and listens on the same channels as that instance would (key prefix random per run, so that
 * tests running at the same time on the same Redis never hear each other). Availability is remembered for an hour
 * here, so only the messages can make this instance forget it within the test.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.data.redis.host=${SHOP_TEST_REDIS_HOST:127.0.0.1}",
        "spring.data.redis.port=${SHOP_TEST_REDIS_PORT:6379}",
        "shop.catalog.availability-ttl=1h"
})
@DirtiesContext
class CatalogCoherenceTests {

    private static final String PREFIX = "shop-test-" + UUID.randomUUID();
    private static final Duration SECOND = Duration.ofSeconds(1);

    static OtherInstance other;
    static BlockingQueue<String> changed;
    static BlockingQueue<String> moved;

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    CatalogCaches caches;

    @Autowired
    Inventory inventory;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @DynamicPropertySource
    static void prefix(DynamicPropertyRegistry registry) {
        registry.add("shop.redis.key-prefix", () -> PREFIX);
    }

    @BeforeAll
    static void connectTheOtherInstance() {
        other = OtherInstance.listeningTo(PREFIX, "catalog.changed", "catalog.availability");
        changed = other.heard("catalog.changed");
        moved = other.heard("catalog.availability");
    }

    @AfterAll
    static void disconnectTheOtherInstance() {
        if (other != null) {
            other.close();
        }
    }

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void onlyThisTestsMessages() {
        OtherInstance.awaitSubscribed(meters, "catalog.changed", "catalog.availability");
        other.forgetWhatWasHeard();
    }

    @Test
    void aChangeAnotherInstanceAnnouncesIsServedHereAtOnce() throws Exception {
        ProductView product = new CatalogTestData(admin).product(500, 3);
        assertThat(price(product)).isEqualTo(500);
        long generation = caches.key("any").generation();

        // another instance changes the price: its rows change, this instance's cached page does not
        committed.update("update catalog_variant set price_amount = 700 where product_id = unhex(replace(?, '-', ''))",
                product.id().toString());
        committed.update("update catalog_product set price_amount = 700 where id = unhex(replace(?, '-', ''))",
                product.id().toString());
        assertThat(price(product)).as("served from this instance's cache").isEqualTo(500);

        // ... and announces it after its commit
        other.announce("catalog.changed", "");
        long sent = System.nanoTime();
        await().atMost(SECOND).pollInterval(Duration.ofMillis(10)).until(() -> price(product) == 700);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(SECOND);
        assertThat(caches.key("any").generation()).isGreaterThan(generation);
    }

    @Test
    void anAdminsPriceChangeHereIsAnnouncedToTheOtherInstancesAfterItCommitted() throws Exception {
        ProductView product = new CatalogTestData(admin).product(500, 3);
        changed.clear();

        String update = """
                {"sku": "%s", "slug": "%s", "name": "%s", "description": "For tests",
                 "price": {"amount": 650, "currency": "EUR"}, "categorySlugs": [], "imageUrl": "%s", "version": %d}
                """.formatted(product.sku(), product.slug(), product.name(), product.imageUrl(), product.version());
        assertThat(mvc.perform(put("/api/admin/products/" + product.id())
                .header(HttpHeaders.AUTHORIZATION, Tokens.admin())
                .contentType(MediaType.APPLICATION_JSON).content(update)).andReturn().getResponse().getStatus())
                .isEqualTo(200);

        String message = changed.poll(1, TimeUnit.SECONDS);
        assertThat(message).as("a message on catalog.changed within a second").isNotNull();
        String[] parts = message.split(" ", 2);
        assertThat(parts[0]).isNotEqualTo(other.id).hasSize(36);
        assertThat(parts[1]).isEmpty();
        // when the other instance reads on receipt, the change is there to read
        assertThat(jdbc.queryForObject("select price_amount from catalog_product where id = unhex(replace(?, '-', ''))",
                Long.class, product.id().toString())).isEqualTo(650);
        // and this instance cleared its own caches at once
        assertThat(price(product)).isEqualTo(650);
    }

    @Test
    void theVariantsOneTransactionMovedAreAnnouncedInOneMessageAndARollbackAnnouncesNothing() throws Exception {
        ProductView first = new CatalogTestData(admin).product(500, 5);
        ProductView second = new CatalogTestData(admin).product(800, 5);
        UUID firstVariant = first.variants().get(0).id();
        UUID secondVariant = second.variants().get(0).id();
        moved.clear();

        // sold: one checkout reserving two lines
        transactions.executeWithoutResult(tx -> inventory.reserve(List.of(
                new StockLine(new VariantId(firstVariant), 2), new StockLine(new VariantId(secondVariant), 1))));
        String sold = moved.poll(1, TimeUnit.SECONDS);
        assertThat(sold).as("a message on catalog.availability within a second").isNotNull();
        assertThat(RecentAvailability.variants(sold.split(" ", 2)[1])).containsExactlyInAnyOrder(firstVariant,
                secondVariant);

        // cancelled: the reservation given back
        transactions.executeWithoutResult(tx -> inventory.release(List.of(
                new StockLine(new VariantId(firstVariant), 2), new StockLine(new VariantId(secondVariant), 1))));
        String cancelled = moved.poll(1, TimeUnit.SECONDS);
        assertThat(cancelled).isNotNull();
        assertThat(RecentAvailability.variants(cancelled.split(" ", 2)[1])).containsExactlyInAnyOrder(firstVariant,
                secondVariant);

        transactions.executeWithoutResult(tx -> {
            inventory.reserve(List.of(new StockLine(new VariantId(firstVariant), 1)));
            tx.setRollbackOnly();
        });
        // one message per transaction, none for the one rolled back (what Redis delivers in order comes after)
        other.sendRaw("catalog.availability", "marker " + firstVariant);
        assertThat(moved.poll(1, TimeUnit.SECONDS)).isEqualTo("marker " + firstVariant);
        assertThat(moved).isEmpty();
    }

    @Test
    void stockAnotherInstanceMovedIsForgottenHereAtOnce() throws Exception {
        ProductView product = new CatalogTestData(admin).product(500, 3);
        UUID variant = product.variants().get(0).id();
        assertThat(available(product)).isEqualTo(3);

        // another instance sells two: its row changes, this instance's remembered number does not
        committed.update("update catalog_stock set on_hand = 1 where variant_id = unhex(replace(?, '-', ''))",
                variant.toString());
        assertThat(available(product)).as("remembered on this instance").isEqualTo(3);

        other.announce("catalog.availability", String.valueOf(variant));
        await().atMost(SECOND).pollInterval(Duration.ofMillis(10)).until(() -> available(product) == 1);
    }

    private long price(ProductView product) throws Exception {
        return ((Number) JsonPath.read(page(product), "$.price.amount")).longValue();
    }

    private int available(ProductView product) throws Exception {
        return JsonPath.read(page(product), "$.availableQuantity");
    }

    private String page(ProductView product) throws Exception {
        return mvc.perform(get("/api/products/" + product.slug())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
