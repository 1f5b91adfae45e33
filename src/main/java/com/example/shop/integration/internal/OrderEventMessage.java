package com.example.shop.integration.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.orders.OrderBreakdown;
import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderEvent;
import com.example.shop.orders.OrderItem;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;
import com.example.shop.shared.Money;

/**
 * An order event as other systems read it on the broker: the contract of docs/events.md ("Integration events").
 * Records of its own, written field by field from the event, so the shop's events may grow for its own listeners
 * without changing what outside systems receive, and the JSON does not follow the application's Jackson settings.
 * <p>
 * {@code eventId} is the event's own id, made once when the order registered the event and stored with its
 * publication: every redelivery of the event is the same message with the same id, which consumers deduplicate on.
 * {@code type} is also the routing key. {@code totals} and {@code lines} are null only for an event published before
 * the shipped, refunded and cancelled events carried them. Exactly one of {@code payment}, {@code shipment},
 * {@code refund} and {@code cancellation} is present for the types that have one, none for {@code orders.placed}.
 */
record OrderEventMessage(UUID eventId, String type, Instant occurredAt, UUID orderId, Customer customer,
        @Nullable Totals totals, @Nullable List<Line> lines,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Payment payment,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Shipment shipment,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Refund refund,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Cancellation cancellation) {

    static final String PLACED = "orders.placed";
    static final String PAID = "orders.paid";
    static final String SHIPPED = "orders.shipped";
    static final String REFUNDED = "orders.refunded";
    static final String CANCELLED = "orders.cancelled";

    /** The fields in the order the records declare them, whatever Jackson's defaults. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** The buyer: {@code id} null for a guest order nobody had claimed; {@code email} as the order keeps it. */
    record Customer(@Nullable String id, @Nullable String email) {
    }

    /** An amount in minor units of an ISO-4217 currency, as everywhere in the API. */
    record Amount(long amount, String currency) {

        static Amount of(Money money) {
            return new Amount(money.amount(), money.currencyCode());
        }
    }

    /** The order's money as checkout froze it: {@code subtotal - discount + shipping (+ tax unless taxIncluded)}. */
    record Totals(Amount subtotal, Amount discount, Amount shipping, Amount tax, boolean taxIncluded, Amount total,
            @Nullable String shippingMethodName, @Nullable String discountCode) {
    }

    record Line(String productId, String sku, String name, int quantity, Amount unitPrice, Amount lineTotal) {
    }

    /** {@code paymentIntentId} null for an order with nothing to pay, paid at checkout. */
    record Payment(@Nullable String paymentIntentId) {
    }

    record Shipment(String carrier, String trackingNumber) {
    }

    /** {@code amount} refunded this time, {@code totalRefunded} all refunds so far. */
    record Refund(Amount amount, Amount totalRefunded, boolean fullyRefunded) {
    }

    record Cancellation(String reason) {
    }

    static OrderEventMessage of(OrderEvent event) {
        if (event instanceof OrderPlaced placed) {
            return message(event, PLACED, placed.breakdown(), placed.lines(), null, null, null, null);
        }
        if (event instanceof OrderPaid paid) {
            return message(event, PAID, paid.breakdown(), paid.lines(), new Payment(paid.paymentIntentId()), null,
                    null, null);
        }
        if (event instanceof OrderShipped shipped) {
            return message(event, SHIPPED, shipped.breakdown(), shipped.lines(), null,
                    new Shipment(shipped.carrier(), shipped.trackingNumber()), null, null);
        }
        if (event instanceof OrderRefunded refunded) {
            return message(event, REFUNDED, refunded.breakdown(), refunded.lines(), null, null,
                    new Refund(Amount.of(refunded.amount()), Amount.of(refunded.totalRefunded()),
                            refunded.fullyRefunded()), null);
        }
        if (event instanceof OrderCancelled cancelled) {
            return message(event, CANCELLED, cancelled.breakdown(), cancelled.lines(), null, null, null,
                    new Cancellation(cancelled.reason()));
        }
        throw new IllegalArgumentException("no integration event for " + event.getClass().getName());
    }

    /** The message's body: UTF-8 JSON. */
    byte[] json() {
        return JSON.writeValueAsBytes(this);
    }

    private static OrderEventMessage message(OrderEvent event, String type, @Nullable OrderBreakdown breakdown,
            @Nullable List<OrderItem> lines, @Nullable Payment payment, @Nullable Shipment shipment,
            @Nullable Refund refund, @Nullable Cancellation cancellation) {
        Customer customer = new Customer(event.customerId() == null ? null : id(event.customerId()), event.email());
        return new OrderEventMessage(event.eventId(), type, event.occurredAt(), event.orderId().value(), customer,
                breakdown == null ? null : totals(breakdown),
                lines == null ? null : lines.stream().map(OrderEventMessage::line).toList(), payment, shipment, refund,
                cancellation);
    }

    private static Totals totals(OrderBreakdown breakdown) {
        return new Totals(Amount.of(breakdown.subtotal()), Amount.of(breakdown.discount()),
                Amount.of(breakdown.shipping()), Amount.of(breakdown.tax()), breakdown.taxIncluded(),
                Amount.of(breakdown.total()), breakdown.shippingMethodName(), breakdown.discountCode());
    }

    private static Line line(OrderItem item) {
        return new Line(id(item.productId()), item.sku(), item.name(), item.quantity(),
                Amount.of(item.unitPrice()), Amount.of(item.lineTotal()));
    }

    /**
     * A customer's or product's id by its string form, the UUID (as {@code CustomerId} and {@code ProductId} write
     * themselves): read as a value from orders' events, so this module needs no type of customers or catalog.
     */
    private static String id(Object typedId) {
        return typedId.toString();
    }
}
