package com.example.shop.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * A queue of its own on RabbitMQ's exchange {@code shop.events}, for {@code scale/two-instances.sh} to see what the
 * instances published, with the AMQP client the application already has (the broker's HTTP management API, which
 * {@code rabbitmqadmin} needs, is not switched on everywhere).
 * <ul>
 * <li>{@code bind <queue> <binding key>}: declares the queue (not durable, deleted by the broker after 10 idle
 * minutes, so a script killed half-way leaves nothing for long) and binds it to the exchange, declaring the
 * exchange first only if it does not exist yet (as the application declares it: a durable topic exchange).</li>
 * <li>{@code drain <queue> <file>}: takes every message waiting and appends one line per message to the file:
 * the routing key, a tab, the body on one line.</li>
 * <li>{@code delete <queue>}.</li>
 * </ul>
 * The broker from {@code SPRING_RABBITMQ_HOST} / {@code _PORT} / {@code _USERNAME} / {@code _PASSWORD}
 * (127.0.0.1, 5672, guest, guest). Test scope only.
 */
public final class QueueTap {

    private static final String EXCHANGE = "shop.events";

    public static void main(String[] args) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("SPRING_RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env("SPRING_RABBITMQ_PORT", "5672")));
        factory.setUsername(env("SPRING_RABBITMQ_USERNAME", "guest"));
        factory.setPassword(env("SPRING_RABBITMQ_PASSWORD", "guest"));
        try (Connection connection = factory.newConnection("queue-tap")) {
            switch (args[0]) {
                case "bind" -> {
                    declareExchangeIfMissing(connection);
                    try (Channel channel = connection.createChannel()) {
                        channel.queueDeclare(args[1], false, false, false, Map.of("x-expires", 600_000));
                        channel.queueBind(args[1], EXCHANGE, args[2]);
                    }
                }
                case "drain" -> {
                    try (Channel channel = connection.createChannel()) {
                        StringBuilder lines = new StringBuilder();
                        GetResponse message;
                        while ((message = channel.basicGet(args[1], true)) != null) {
                            lines.append(message.getEnvelope().getRoutingKey()).append('\t')
                                    .append(new String(message.getBody(), StandardCharsets.UTF_8).replace('\n', ' '))
                                    .append('\n');
                        }
                        Files.writeString(Path.of(args[2]), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                }
                case "delete" -> {
                    try (Channel channel = connection.createChannel()) {
                        channel.queueDelete(args[1]);
                    }
                }
                default -> throw new IllegalArgumentException("bind <queue> <key> | drain <queue> <file> | delete <queue>");
            }
        }
    }

    /** A passive declare closes its channel when the exchange is missing: then it is declared on a fresh one. */
    private static void declareExchangeIfMissing(Connection connection) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            channel.exchangeDeclarePassive(EXCHANGE);
            return;
        } catch (IOException missing) {
            // the channel was closed by the broker (404): declare it as the application does
        }
        try (Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(EXCHANGE, "topic", true);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
