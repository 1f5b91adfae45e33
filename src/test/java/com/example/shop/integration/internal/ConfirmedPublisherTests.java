package com.example.shop.integration.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import com.example.shop.testsupport.RealServices;
import com.example.shop.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publisher against the machine's real RabbitMQ: it returns only once the broker confirmed the message, and
 * throws when the broker refuses it (a queue that takes no message makes the broker answer with a nack), when the
 * exchange is not there, and when the broker cannot be reached. Each test publishes to an exchange of its own,
 * deleted after it, so other tests on the same broker see nothing of it.
 */
class ConfirmedPublisherTests {

    final String exchange = "shop.test-confirms-" + UUID.randomUUID();
    CachingConnectionFactory connections;
    Connection tap;
    Channel channel;

    @BeforeAll
    static void brokerAnswers() {
        RealServices.assumeBroker();
    }

    @BeforeEach
    void connect() throws Exception {
        connections = confirming(RealServices.BROKER_PORT);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RealServices.BROKER_HOST);
        factory.setPort(RealServices.BROKER_PORT);
        tap = factory.newConnection("confirmed-publisher-tests");
        channel = tap.createChannel();
        channel.exchangeDeclare(exchange, "topic", false, true, null);
    }

    @AfterEach
    void close() throws Exception {
        connections.destroy();
        if (channel.isOpen()) {
            channel.exchangeDelete(exchange);
        }
        tap.close();
    }

    @Test
    void returnsOnceTheBrokerHasTheMessage() throws Exception {
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, "orders.#");

        publisher(connections).publish("orders.placed", message("confirmed"));

        // confirmed means enqueued: no waiting needed
        GetResponse got = channel.basicGet(queue, true);
        assertThat(got).isNotNull();
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("confirmed");
        assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("orders.placed");
    }

    @Test
    void throwsWhenTheBrokerRefusesTheMessage() throws Exception {
        String queue = channel.queueDeclare("", false, true, true,
                Map.of("x-max-length", 0, "x-overflow", "reject-publish")).getQueue();
        channel.queueBind(queue, exchange, "orders.#");

        assertThatThrownBy(() -> publisher(connections).publish("orders.placed", message("refused")))
                .isInstanceOf(AmqpException.class);
        assertThat(channel.messageCount(queue)).isZero();
    }

    @Test
    void throwsWhenTheExchangeIsNotThere() {
        ConfirmedPublisher nowhere = new ConfirmedPublisher(new RabbitTemplate(connections),
                "shop.test-missing-" + UUID.randomUUID(), Duration.ofSeconds(5));

        // The broker closes the channel for a missing exchange at once, and whether that close arrives before or
        // during the wait for the confirm is a race: many attempts, so that both orders occur, and every one throws.
        for (int attempt = 0; attempt < 30; attempt++) {
            assertThatThrownBy(() -> nowhere.publish("orders.placed", message("lost")))
                    .isInstanceOf(AmqpException.class);
        }
    }

    @Test
    void throwsWhenTheBrokerCannotBeReached() {
        try (TcpProxy down = TcpProxy.to(RealServices.BROKER_HOST, RealServices.BROKER_PORT)) {
            down.cut();
            CachingConnectionFactory unreachable = confirming(down.port());
            try {
                assertThatThrownBy(() -> publisher(unreachable).publish("orders.placed", message("lost")))
                        .isInstanceOf(AmqpConnectException.class);
            } finally {
                unreachable.destroy();
            }
        }
    }

    @Test
    void refusesAConnectionWithoutPublisherConfirms() {
        CachingConnectionFactory plain = new CachingConnectionFactory(RealServices.BROKER_HOST,
                RealServices.BROKER_PORT);
        try {
            assertThatThrownBy(() -> publisher(plain)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spring.rabbitmq.publisher-confirm-type=simple");
        } finally {
            plain.destroy();
        }
    }

    private ConfirmedPublisher publisher(CachingConnectionFactory factory) {
        return new ConfirmedPublisher(new RabbitTemplate(factory), exchange, Duration.ofSeconds(5));
    }

    private static CachingConnectionFactory confirming(int port) {
        CachingConnectionFactory factory = new CachingConnectionFactory(RealServices.BROKER_HOST, port);
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        factory.setConnectionTimeout(2000);
        return factory;
    }

    private static Message message(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
