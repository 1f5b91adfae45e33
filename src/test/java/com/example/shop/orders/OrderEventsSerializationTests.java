package com.example.shop.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.catalog.ProductId;
import com.example.shop.customers.CustomerId;
import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order events survive the trip through the publication registry's JSON (a failed publication is read back
 * when it is resubmitted), event id included: a redelivery carries the id the first delivery had.
 */
class OrderEventsSerializationTests {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyEventRoundTripsWithItsId() {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        OrderId order = new OrderId(UUID.randomUUID());
        CustomerId customer = CustomerId.random();
        List<OrderItem> lines = List.of(new OrderItem(ProductId.random(), "MUG-1", "Mug", 2, Money.of(1250, "EUR"),
                Money.of(2500, "EUR")));
        OrderBreakdown breakdown = new OrderBreakdown(Money.of(2500, "EUR"), Money.of(250, "EUR"),
                Money.of(490, "EUR"), Money.of(435, "EUR"), true, Money.of(2740, "EUR"), "Standard", "TENOFF");
        OrderEvent[] events = {
                new OrderPlaced(UUID.randomUUID(), order, customer, "ada@example.com", lines, breakdown, 2, at),
                new OrderPaid(UUID.randomUUID(), order, customer, "ada@example.com", lines, breakdown, "pi_1", at),
                new OrderShipped(UUID.randomUUID(), order, customer, "ada@example.com", lines, breakdown, "DHL", "JD0001",
                        at),
                new OrderRefunded(UUID.randomUUID(), order, customer, "ada@example.com", lines, breakdown,
                        Money.of(500, "EUR"), Money.of(700, "EUR"), Money.of(2740, "EUR"), false, at),
                new OrderCancelled(UUID.randomUUID(), order, customer, null, lines, breakdown, "payment timeout", at) };
        for (OrderEvent event : events) {
            String serialized = json.writeValueAsString(event);
            assertThat(serialized).contains("\"eventId\":\"" + event.eventId() + "\"", "\"occurredAt\":");
            assertThat(json.readValue(serialized, event.getClass())).isEqualTo(event);
        }
        // the record's components and nothing else: no derived total or currency beside them
        JsonNode placed = json.readTree(json.writeValueAsString(events[0]));
        assertThat(placed.propertyNames()).containsExactlyInAnyOrder("eventId", "orderId", "customerId", "email",
                "lines", "breakdown", "itemCount", "occurredAt");
        assertThat(placed.get("breakdown").propertyNames()).containsExactlyInAnyOrder("subtotal", "discount",
                "shipping", "tax", "taxIncluded", "total", "shippingMethodName", "discountCode");
    }

    /**
     * A publication stored by a version whose shipped, refunded and cancelled events did not carry the lines and the
     * breakdown is still read when it is delivered after the upgrade: both are then null, the rest as stored.
     */
    @Test
    void anEventStoredBeforeItCarriedTheLinesIsReadWithoutThem() {
        OrderShipped now = new OrderShipped(UUID.randomUUID(), new OrderId(UUID.randomUUID()), CustomerId.random(),
                "ada@example.com", List.of(), null, "DHL", "JD0001", Instant.parse("2026-11-25T10:00:00Z"));
        ObjectNode stored = (ObjectNode) json.readTree(json.writeValueAsString(now));
        stored.remove("lines");
        stored.remove("breakdown");

        OrderShipped read = json.readValue(stored.toString(), OrderShipped.class);

        assertThat(read.lines()).isNull();
        assertThat(read.breakdown()).isNull();
        assertThat(read).isEqualTo(new OrderShipped(now.eventId(), now.orderId(), now.customerId(), now.email(), null,
                null, "DHL", "JD0001", now.occurredAt()));
    }
}
