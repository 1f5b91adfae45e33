package com.example.shop.integration.internal;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.catalog.ProductId;
import com.example.shop.customers.CustomerId;
import com.example.shop.orders.OrderBreakdown;
import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderEvent;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.OrderItem;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;
import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of every order event as other systems read it on the broker (docs/events.md, "Integration events"). */
class OrderEventMessageTests {

    static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");
    static final OrderId ORDER = new OrderId(UUID.fromString("1a2b3c4d-0000-4000-8000-000000000001"));
    static final CustomerId CUSTOMER = new CustomerId(UUID.fromString("c0ffee00-0000-4000-8000-000000000002"));
    static final ProductId MUG = new ProductId(UUID.fromString("feedbeef-0000-4000-8000-000000000003"));
    static final List<OrderItem> LINES = List.of(new OrderItem(MUG, "MUG-1", "Mug", 2, eur(1250), eur(2500)));
    static final OrderBreakdown BREAKDOWN = new OrderBreakdown(eur(2500), eur(250), eur(490), eur(435), true,
            eur(2740), "Standard", "TENOFF");
    static final List<String> COMMON = List.of("eventId", "type", "occurredAt", "orderId", "customer", "totals",
            "lines");

    final JsonMapper json = JsonMapper.builder().build();

    static Money eur(long cents) {
        return Money.of(cents, "EUR");
    }

    @Test
    void placedCarriesTheOrdersIdCustomerTotalsAndLines() {
        UUID eventId = UUID.randomUUID();
        JsonNode placed = json(new OrderPlaced(eventId, ORDER, CUSTOMER, "ada@example.com", LINES, BREAKDOWN, 2, AT));

        assertThat(placed.propertyNames()).containsExactlyElementsOf(COMMON);
        assertThat(placed.get("eventId").asString()).isEqualTo(eventId.toString());
        assertThat(placed.get("type").asString()).isEqualTo("orders.placed");
        assertThat(placed.get("occurredAt").asString()).isEqualTo("2026-11-25T10:00:00.123456Z");
        assertThat(placed.get("orderId").asString()).isEqualTo(ORDER.toString());
        assertThat(placed.get("customer").toString())
                .isEqualTo("{\"id\":\"" + CUSTOMER + "\",\"email\":\"ada@example.com\"}");
        assertThat(placed.get("totals").toString()).isEqualTo("""
                {"subtotal":{"amount":2500,"currency":"EUR"},"discount":{"amount":250,"currency":"EUR"},\
                "shipping":{"amount":490,"currency":"EUR"},"tax":{"amount":435,"currency":"EUR"},"taxIncluded":true,\
                "total":{"amount":2740,"currency":"EUR"},"shippingMethodName":"Standard","discountCode":"TENOFF"}""");
        assertThat(placed.get("lines").toString()).isEqualTo("""
                [{"productId":"%s","sku":"MUG-1","name":"Mug","quantity":2,\
                "unitPrice":{"amount":1250,"currency":"EUR"},"lineTotal":{"amount":2500,"currency":"EUR"}}]"""
                .formatted(MUG));
    }

    @Test
    void eachOtherTypeAddsWhatHappened() {
        JsonNode paid = json(new OrderPaid(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES, BREAKDOWN,
                "pi_1", AT));
        assertThat(paid.get("type").asString()).isEqualTo("orders.paid");
        assertThat(paid.propertyNames()).containsExactlyElementsOf(with("payment"));
        assertThat(paid.get("payment").toString()).isEqualTo("{\"paymentIntentId\":\"pi_1\"}");

        JsonNode shipped = json(new OrderShipped(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES,
                BREAKDOWN, "DHL", "JD0001", AT));
        assertThat(shipped.get("type").asString()).isEqualTo("orders.shipped");
        assertThat(shipped.propertyNames()).containsExactlyElementsOf(with("shipment"));
        assertThat(shipped.get("shipment").toString()).isEqualTo("{\"carrier\":\"DHL\",\"trackingNumber\":\"JD0001\"}");
        assertThat(shipped.get("lines").get(0).get("sku").asString()).isEqualTo("MUG-1");

        JsonNode refunded = json(new OrderRefunded(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES,
                BREAKDOWN, eur(500), eur(700), eur(2740), false, AT));
        assertThat(refunded.get("type").asString()).isEqualTo("orders.refunded");
        assertThat(refunded.propertyNames()).containsExactlyElementsOf(with("refund"));
        assertThat(refunded.get("refund").toString()).isEqualTo("""
                {"amount":{"amount":500,"currency":"EUR"},"totalRefunded":{"amount":700,"currency":"EUR"},\
                "fullyRefunded":false}""");
        assertThat(refunded.get("totals").get("total").get("amount").asLong()).isEqualTo(2740);

        JsonNode cancelled = json(new OrderCancelled(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES,
                BREAKDOWN, "payment timeout", AT));
        assertThat(cancelled.get("type").asString()).isEqualTo("orders.cancelled");
        assertThat(cancelled.propertyNames()).containsExactlyElementsOf(with("cancellation"));
        assertThat(cancelled.get("cancellation").toString()).isEqualTo("{\"reason\":\"payment timeout\"}");
    }

    @Test
    void aGuestHasNoCustomerIdAndAnOrderWithNothingToPayNoPaymentIntent() {
        JsonNode paid = json(new OrderPaid(UUID.randomUUID(), ORDER, null, "guest@example.com", LINES, BREAKDOWN, null,
                AT));

        assertThat(paid.get("customer").toString()).isEqualTo("{\"id\":null,\"email\":\"guest@example.com\"}");
        assertThat(paid.get("payment").toString()).isEqualTo("{\"paymentIntentId\":null}");
    }

    @Test
    void anEventPublishedBeforeEventsCarriedTheLinesHasNullTotalsAndLines() {
        JsonNode shipped = json(new OrderShipped(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", null, null,
                "DHL", "JD0001", AT));

        assertThat(shipped.propertyNames()).containsExactlyElementsOf(with("shipment"));
        assertThat(shipped.get("totals").isNull()).isTrue();
        assertThat(shipped.get("lines").isNull()).isTrue();
    }

    @Test
    void theSameEventIsTheSameMessage() {
        OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), ORDER, CUSTOMER, "ada@example.com", LINES, BREAKDOWN,
                2, AT);

        assertThat(OrderEventMessage.of(placed).json()).isEqualTo(OrderEventMessage.of(placed).json());
    }

    /**
     * Every order event has its own listener method in {@link OrderEventRelay} and its own type: an event added to
     * orders without one would silently never reach the broker.
     */
    @Test
    void everyOrderEventIsRelayedUnderATypeOfItsOwn() {
        List<Class<?>> events = Arrays.asList(OrderEvent.class.getPermittedSubclasses());
        assertThat(events).hasSize(5);
        for (Class<?> event : events) {
            Method listener = Arrays.stream(OrderEventRelay.class.getDeclaredMethods())
                    .filter(method -> method.getParameterCount() == 1 && method.getParameterTypes()[0] == event)
                    .findFirst().orElseThrow(() -> new AssertionError("OrderEventRelay does not listen to " + event));
            ApplicationModuleListener annotation = listener.getAnnotation(ApplicationModuleListener.class);
            assertThat(annotation).as("%s is an @ApplicationModuleListener", listener).isNotNull();
            assertThat(annotation.propagation()).isEqualTo(Propagation.NOT_SUPPORTED);
        }
        assertThat(events.stream().map(OrderEventMessageTests::sample).map(e -> OrderEventMessage.of(e).type()))
                .containsExactlyInAnyOrder("orders.placed", "orders.paid", "orders.shipped", "orders.refunded",
                        "orders.cancelled");
    }

    private JsonNode json(OrderEvent event) {
        byte[] body = OrderEventMessage.of(event).json();
        return json.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static List<String> with(String extra) {
        return Stream.concat(COMMON.stream(), Stream.of(extra)).toList();
    }

    private static OrderEvent sample(Class<?> type) {
        UUID id = UUID.randomUUID();
        if (type == OrderPlaced.class) {
            return new OrderPlaced(id, ORDER, CUSTOMER, null, LINES, BREAKDOWN, 2, AT);
        }
        if (type == OrderPaid.class) {
            return new OrderPaid(id, ORDER, CUSTOMER, null, LINES, BREAKDOWN, "pi_1", AT);
        }
        if (type == OrderShipped.class) {
            return new OrderShipped(id, ORDER, CUSTOMER, null, LINES, BREAKDOWN, "DHL", "JD0001", AT);
        }
        if (type == OrderRefunded.class) {
            return new OrderRefunded(id, ORDER, CUSTOMER, null, LINES, BREAKDOWN, eur(1), eur(1), eur(2740), false, AT);
        }
        return new OrderCancelled(id, ORDER, CUSTOMER, null, LINES, BREAKDOWN, "payment timeout", AT);
    }
}
