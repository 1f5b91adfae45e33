package com.example.shop.integration.internal;

import java.util.Date;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;

import com.example.shop.orders.OrderCancelled;
import com.example.shop.orders.OrderEvent;
import com.example.shop.orders.OrderPaid;
import com.example.shop.orders.OrderPlaced;
import com.example.shop.orders.OrderRefunded;
import com.example.shop.orders.OrderShipped;

/**
 * Hands every order event to the broker through the event publication registry: after the order's transaction
 * committed, on another thread, so a slow or absent broker never delays or fails an order. The listener returns only
 * once the broker confirmed the message; until then the publication stays incomplete, and when the broker refuses
 * it, does not confirm it in time or cannot be reached, the listener throws: the registry marks the publication
 * failed and delivers it again with its backoff ({@code shop.events.*}), with the same event and so the same
 * {@code eventId}. Without a transaction of its own ({@code NOT_SUPPORTED}): no database connection is held while the
 * broker is waited for.
 * <p>
 * One method per event type, so each has a publication of its own and the module diagram shows what is listened to;
 * {@code OrderEventMessageTests} fails when an order event is added without one here.
 * {@code shop.events.externalized} counts each attempt by {@code type} and {@code outcome} ({@code confirmed},
 * {@code failed}).
 */
class OrderEventRelay {

    private static final Logger log = LoggerFactory.getLogger(OrderEventRelay.class);

    private final ConfirmedPublisher publisher;
    private final MeterRegistry meters;

    OrderEventRelay(ConfirmedPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPlaced event) {
        relay(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderPaid event) {
        relay(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderShipped event) {
        relay(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderRefunded event) {
        relay(event);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled event) {
        relay(event);
    }

    private void relay(OrderEvent event) {
        OrderEventMessage message = OrderEventMessage.of(event);
        try {
            publisher.publish(message.type(), amqp(message));
        } catch (RuntimeException e) {
            counter(message.type(), "failed").increment();
            log.warn("Integration event {} ({} of order {}) is not on the broker yet, it will be published again: {}",
                    event.eventId(), message.type(), event.orderId(), e.toString());
            throw e;
        }
        counter(message.type(), "confirmed").increment();
    }

    /** Persistent JSON whose {@code message_id} is the event's id, for consumers that deduplicate on the header. */
    private static Message amqp(OrderEventMessage message) {
        return MessageBuilder.withBody(message.json())
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setMessageId(message.eventId().toString())
                .setType(message.type())
                .setTimestamp(Date.from(message.occurredAt()))
                .setAppId("shop-api")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    private Counter counter(String type, String outcome) {
        return Counter.builder("shop.events.externalized")
                .description("Integration events handed to the broker, by whether it confirmed them (failed ones are"
                        + " published again)")
                .tag("type", type.substring(type.indexOf('.') + 1)).tag("outcome", outcome).register(meters);
    }
}
