package com.example.shop.integration.internal;

import java.time.Duration;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;

/**
 * Publishes a message to one exchange and returns only once the broker confirmed it (RabbitMQ's publisher
 * confirms): the message is then in the broker's hands, routed to every queue bound for it, on disk for durable
 * queues. A negative confirm, no confirm within {@code confirmTimeout}, or a broker that cannot be reached throws an
 * {@link AmqpException}, so a caller never takes an unconfirmed message for published. Sending alone would not do:
 * {@code basicPublish} returns once the bytes are in the socket's buffer, and a connection lost right after would
 * lose the message without a word.
 * <p>
 * The send and the wait run on one channel held for the call ({@code invoke}); the connection factory puts its
 * channels in confirm mode ({@code spring.rabbitmq.publisher-confirm-type=simple}), which is checked at start.
 * Not mandatory: a message that no queue is bound for is confirmed and dropped by the broker, as a topic exchange
 * does for subscribers that are not there (docs/events.md, "Integration events").
 */
class ConfirmedPublisher {

    private final RabbitTemplate rabbit;
    private final String exchange;
    private final Duration confirmTimeout;

    ConfirmedPublisher(RabbitTemplate rabbit, String exchange, Duration confirmTimeout) {
        if (!rabbit.getConnectionFactory().isSimplePublisherConfirms()) {
            throw new IllegalStateException("Integration events are published with publisher confirms: set "
                    + "spring.rabbitmq.publisher-confirm-type=simple (application.properties has it)");
        }
        this.rabbit = rabbit;
        this.exchange = exchange;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Returns once the broker confirmed the message.
     *
     * @throws AmqpException when it did not: refused ({@code nack}), not confirmed in time, or not reachable
     */
    void publish(String routingKey, Message message) {
        try {
            rabbit.invoke(operations -> {
                operations.send(exchange, routingKey, message);
                // The wait runs on the very channel the message went out on. The caching factory's channel proxy
                // opens a fresh channel when the broker has closed its current one (as it does at once for a
                // missing exchange), and a wait through the proxy would then find nothing unconfirmed on the fresh
                // channel and return as if the message had been confirmed.
                operations.execute(channel -> {
                    Channel sentOn = channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
                    sentOn.waitForConfirmsOrDie(confirmTimeout.toMillis());
                    return Boolean.TRUE;
                });
                return Boolean.TRUE;
            });
        } catch (ShutdownSignalException e) {
            // the channel was closed under the wait (no such exchange, the connection lost): the client's own type
            throw RabbitExceptionTranslator.convertRabbitAccessException(e);
        }
    }
}
