package com.example.shop.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.jayway.jsonpath.JsonPath;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import com.example.shop.testsupport.RealServices;

/**
 * A consumer on the machine's RabbitMQ, as another system would be one: a queue of its own (named by the broker,
 * exclusive, gone with the connection) bound to {@code shop.events} for {@code orders.#}, keeping every message. It
 * connects straight to the broker, never through the proxy a test cuts. Other tests publish to the same exchange at
 * the same time, so a test reads only the messages of its own orders ({@link #of}).
 */
final class EventTap implements AutoCloseable {

    static final String EXCHANGE = "shop.events";

    /** One message as the consumer got it. */
    record Received(String routingKey, AMQP.BasicProperties properties, String body) {

        /** The order's id; null for a message of another shape (anything may be published to the exchange). */
        String orderId() {
            try {
                return JsonPath.read(body, "$.orderId");
            } catch (RuntimeException e) {
                return null;
            }
        }

        String eventId() {
            return JsonPath.read(body, "$.eventId");
        }

        String type() {
            return JsonPath.read(body, "$.type");
        }

        <T> T read(String path) {
            return JsonPath.read(body, path);
        }
    }

    private final Connection connection;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private EventTap(Connection connection) {
        this.connection = connection;
    }

    static EventTap open() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RealServices.BROKER_HOST);
        factory.setPort(RealServices.BROKER_PORT);
        try {
            EventTap tap = new EventTap(factory.newConnection("shop-event-tap"));
            Channel channel = tap.connection.createChannel();
            // the same declaration as the application's: a durable topic exchange (the broker refuses any other)
            channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC, true);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, EXCHANGE, "orders.#");
            channel.basicConsume(queue, true, (tag, delivery) -> tap.received.add(new Received(
                    delivery.getEnvelope().getRoutingKey(), delivery.getProperties(),
                    new String(delivery.getBody(), StandardCharsets.UTF_8))), tag -> {
            });
            return tap;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot listen on RabbitMQ", e);
        }
    }

    /** The messages about these orders, in the order they arrived. */
    List<Received> of(Collection<String> orderIds) {
        return received.stream().filter(message -> {
            String orderId = message.orderId();
            return orderId != null && orderIds.contains(orderId);
        }).toList();
    }

    /** The messages of one type about one order. */
    List<Received> of(String orderId, String type) {
        return of(List.of(orderId)).stream().filter(message -> message.routingKey().equals(type)).toList();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
