package com.example.shop.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.orders.OrderFixtures;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.RealServices;
import com.example.shop.testsupport.TcpProxy;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Integration events end to end: real orders over HTTP on the real database, the event publication registry, and the
 * machine's real RabbitMQ behind a TCP proxy that the test cuts to play a broker outage. Each test reads the exchange
 * through a queue of its own ({@link EventTap}), and only the messages of its own orders. The registry's
 * resubmission runs every second here (30 s in production), so a failed publication is tried again within seconds.
 * Its own context, closed after the class, so that fast resubmission never runs behind another test class.
 */
@IntegrationTest
@DirtiesContext
// the host where the start-up switch sees it (it reads the environment before dynamic properties exist); the port,
// the proxy's, below
@TestPropertySource(properties = "spring.rabbitmq.host=127.0.0.1")
class OrderEventsOnTheBrokerTests {

    static final String LISTENERS = "com.example.shop.integration.%";

    static final TcpProxy brokerLink = TcpProxy.to(RealServices.BROKER_HOST, RealServices.BROKER_PORT);

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.port", brokerLink::port);
        registry.add("spring.rabbitmq.connection-timeout", () -> "2s");
        registry.add("shop.events.resubmission-initial-delay", () -> "1s");
        registry.add("shop.events.resubmission-interval", () -> "1s");
        registry.add("shop.events.max-backoff", () -> "2s");
    }

    @BeforeAll
    static void brokerAnswers() {
        RealServices.assumeBroker();
    }

    @AfterAll
    static void closeLink() {
        brokerLink.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    OrderFixtures orders;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthEndpoint health;

    @Autowired
    HealthContributorRegistry healthContributors;

    @Autowired
    TopicExchange exchange;

    EventTap tap;

    @BeforeEach
    void listen() {
        tap = EventTap.open();
    }

    @AfterEach
    void stopListening() {
        tap.close();
    }

    @Test
    void everyOrderEventReachesTheBrokerOnceAsDocumentedJson() throws Exception {
        String email = "broker-" + UUID.randomUUID() + "@example.com";
        Customer buyer = register(email);
        String admin = Tokens.admin();

        OrderFixtures.Placed bought = orders.placeOrder(buyer.token(), 1250, 5, 2);
        orders.pay(bought);
        orders.ship(admin, bought.orderId(), "DHL", "JD014600006").andExpect(status().isOk());
        orders.refund(admin, bought.orderId(), UUID.randomUUID().toString(), "{\"amount\": 500}")
                .andExpect(status().isAccepted());
        OrderFixtures.Placed cancelled = orders.placeOrder(buyer.token(), 990, 5, 1);
        mvc.perform(post("/api/orders/{id}/cancel", cancelled.orderId())
                .header(HttpHeaders.AUTHORIZATION, buyer.token())).andExpect(status().isOk());
        List<String> ids = List.of(bought.orderId(), cancelled.orderId());
        List<String> expected = List.of(bought.orderId() + " orders.placed", bought.orderId() + " orders.paid",
                bought.orderId() + " orders.shipped", bought.orderId() + " orders.refunded",
                cancelled.orderId() + " orders.placed", cancelled.orderId() + " orders.cancelled");

        await().atMost(Duration.ofSeconds(30)).until(() -> tap.of(ids).size() >= expected.size());
        awaitAllPublished(ids);
        assertThat(tap.of(ids)).extracting(message -> message.orderId() + " " + message.routingKey())
                .containsExactlyInAnyOrderElementsOf(expected);

        for (EventTap.Received message : tap.of(ids)) {
            assertThat(message.type()).isEqualTo(message.routingKey());
            assertThat(message.properties().getMessageId()).isEqualTo(message.eventId());
            assertThat(message.properties().getContentType()).isEqualTo("application/json");
            assertThat(message.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
            assertThat(message.properties().getType()).isEqualTo(message.type());
            // the id the registry stored with the event: every redelivery reads it from there
            assertThat(message.eventId()).isEqualTo(storedEventId(message.orderId(), message.type()));
            assertThat((String) message.read("$.customer.email")).isEqualTo(email);
            assertThat((String) message.read("$.customer.id")).isEqualTo(buyer.id());
            assertThat((String) message.read("$.occurredAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        }
        EventTap.Received placed = only(bought.orderId(), "orders.placed");
        assertThat((Integer) placed.read("$.totals.total.amount")).isEqualTo(2500);
        assertThat((String) placed.read("$.totals.total.currency")).isEqualTo("EUR");
        assertThat((Integer) placed.read("$.lines.length()")).isEqualTo(1);
        assertThat((Integer) placed.read("$.lines[0].quantity")).isEqualTo(2);
        assertThat((Integer) placed.read("$.lines[0].unitPrice.amount")).isEqualTo(1250);
        assertThat((Integer) placed.read("$.lines[0].lineTotal.amount")).isEqualTo(2500);
        assertThat((String) placed.read("$.lines[0].sku")).isNotBlank();
        assertThat((String) only(bought.orderId(), "orders.paid").read("$.payment.paymentIntentId"))
                .isEqualTo(bought.paymentIntentId());
        assertThat((String) only(bought.orderId(), "orders.shipped").read("$.shipment.trackingNumber"))
                .isEqualTo("JD014600006");
        EventTap.Received refunded = only(bought.orderId(), "orders.refunded");
        assertThat((Integer) refunded.read("$.refund.amount.amount")).isEqualTo(500);
        assertThat((Boolean) refunded.read("$.refund.fullyRefunded")).isFalse();
        assertThat((Integer) refunded.read("$.lines[0].quantity")).isEqualTo(2);
        EventTap.Received cancellation = only(cancelled.orderId(), "orders.cancelled");
        assertThat((String) cancellation.read("$.cancellation.reason")).isNotBlank();
        assertThat((Integer) cancellation.read("$.totals.total.amount")).isEqualTo(990);

        // the registry delivers the very same publication again (as after a lost confirm): the very same message
        redeliverArchived(bought.orderId(), "com.example.shop.orders.OrderPlaced");
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.of(bought.orderId(), "orders.placed").size() == 2);
        List<EventTap.Received> twice = tap.of(bought.orderId(), "orders.placed");
        assertThat(twice.get(1).body()).isEqualTo(twice.get(0).body());
        assertThat(twice.get(1).properties().getMessageId()).isEqualTo(twice.get(0).properties().getMessageId());

        // the exchange the application declares: durable, kept without queues
        assertThat(exchange.getName()).isEqualTo(EventTap.EXCHANGE);
        assertThat(exchange.isDurable()).isTrue();
        assertThat(exchange.isAutoDelete()).isFalse();
    }

    @Test
    void aBrokerOutageDelaysTheEventsAndLosesNone() throws Exception {
        Customer buyer = register("outage-" + UUID.randomUUID() + "@example.com");
        double failedBefore = externalized("failed");
        List<OrderFixtures.Placed> placed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        brokerLink.cut();
        try {
            // checkout does not notice: publishing happens after the commit, on another thread
            for (int i = 0; i < 3; i++) {
                OrderFixtures.Placed order = orders.placeOrder(buyer.token(), 1000 + i, 5, 1);
                placed.add(order);
                ids.add(order.orderId());
            }
            orders.pay(placed.get(0));

            // every delivery fails; each publication stays incomplete through a first delivery and a redelivery
            // (the registry counts an attempt when it starts it, the counter when it has failed)
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(ids).size() == 4
                    && attempts(ids).stream().allMatch(attempts -> attempts >= 2)
                    && externalized("failed") >= failedBefore + 8);
            assertThat(incomplete(ids)).isEqualTo(4);
            assertThat(tap.of(ids)).isEmpty();

            // an outage only delays integration events: the instance stays healthy and ready
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
            assertThat(healthContributors.getContributor("rabbit")).isNull();
        } finally {
            brokerLink.restore();
        }

        // back: the registry's next resubmissions publish every event
        awaitAllPublished(ids);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.of(ids).size() >= 4);
        Map<String, List<EventTap.Received>> byEventId = tap.of(ids).stream()
                .collect(Collectors.groupingBy(EventTap.Received::eventId));
        assertThat(byEventId.keySet()).as("every event stored for these orders, none lost")
                .isEqualTo(storedEventIds(ids));
        assertThat(tap.of(ids).stream().map(message -> message.orderId() + " " + message.routingKey()).distinct())
                .containsExactlyInAnyOrder(ids.get(0) + " orders.placed", ids.get(0) + " orders.paid",
                        ids.get(1) + " orders.placed", ids.get(2) + " orders.placed");
        // at least once: a copy sent again is the same message, under the same id
        byEventId.values().forEach(copies -> assertThat(copies).extracting(EventTap.Received::body).containsOnly(
                copies.get(0).body()));
    }

    // --- helpers ---------------------------------------------------------------------------------

    record Customer(String id, String token) {
    }

    /** A registered customer (the order takes the account's e-mail address) and their access token. */
    Customer register(String email) throws Exception {
        String registered = mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"correct horse\", \"name\": \"Ada\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String token = "Bearer " + JsonPath.read(mvc.perform(post("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"correct horse\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.accessToken");
        return new Customer(JsonPath.read(registered, "$.id"), token);
    }

    EventTap.Received only(String orderId, String type) {
        assertThat(tap.of(orderId, type)).as("%s of %s", type, orderId).hasSize(1);
        return tap.of(orderId, type).get(0);
    }

    /** Until no publication for the integration listener about these orders is open. */
    void awaitAllPublished(List<String> orderIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> incomplete(orderIds) == 0);
    }

    int incomplete(List<String> orderIds) {
        return attempts(orderIds).size();
    }

    /** The attempts of every open publication for the integration listener about these orders. */
    List<Integer> attempts(List<String> orderIds) {
        List<Integer> attempts = new ArrayList<>();
        for (String orderId : orderIds) {
            attempts.addAll(jdbc.queryForList("""
                    select completion_attempts from event_publication
                     where listener_id like ? and serialized_event like ? and completion_date is null""",
                    Integer.class, LISTENERS, "%" + orderId + "%"));
        }
        return attempts;
    }

    /** The id of the event the registry stored for the integration listener (completed or not). */
    String storedEventId(String orderId, String type) {
        String eventType = "com.example.shop.orders.Order" + switch (type) {
            case "orders.placed" -> "Placed";
            case "orders.paid" -> "Paid";
            case "orders.shipped" -> "Shipped";
            case "orders.refunded" -> "Refunded";
            case "orders.cancelled" -> "Cancelled";
            default -> throw new IllegalArgumentException(type);
        };
        List<String> stored = storedEvents(orderId, eventType);
        assertThat(stored).as("stored %s of %s", eventType, orderId).hasSize(1);
        return JsonPath.read(stored.get(0), "$.eventId");
    }

    Set<String> storedEventIds(List<String> orderIds) {
        return orderIds.stream().flatMap(orderId -> storedEvents(orderId, "%").stream())
                .map(event -> (String) JsonPath.read(event, "$.eventId")).collect(Collectors.toSet());
    }

    List<String> storedEvents(String orderId, String eventType) {
        return jdbc.queryForList("""
                select serialized_event from event_publication
                 where listener_id like ? and event_type like ? and serialized_event like ?
                union all
                select serialized_event from event_publication_archive
                 where listener_id like ? and event_type like ? and serialized_event like ?""", String.class,
                LISTENERS, eventType, "%" + orderId + "%", LISTENERS, eventType, "%" + orderId + "%");
    }

    /**
     * Moves the completed publication of an order's event for the integration listener back into the registry as
     * failed, as an operator replays one; the resubmission run delivers it again.
     */
    void redeliverArchived(String orderId, String eventType) {
        String id = jdbc.queryForObject("""
                select lower(hex(id)) from event_publication_archive
                 where listener_id like ? and event_type = ? and serialized_event like ?""", String.class, LISTENERS,
                eventType, "%" + orderId + "%");
        committed.update("""
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                                               completion_attempts)
                select id, listener_id, event_type, serialized_event, publication_date, 'FAILED', 1
                  from event_publication_archive where id = unhex(?)""", id);
        committed.update("delete from event_publication_archive where id = unhex(?)", id);
    }

    double externalized(String outcome) {
        return meters.find("shop.events.externalized").tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
