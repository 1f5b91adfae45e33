package com.example.shop.integration.internal;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.shop.shared.config.ConditionalOnSharedService;
import com.example.shop.shared.config.SharedServices;

/**
 * Everything of the integration module, and only when a broker is configured ({@code spring.rabbitmq.host} or
 * {@code .addresses}). Without one nothing here exists, not even the listener: the registry then stores no
 * publication for it, so none waits for a broker that will never come.
 * <p>
 * The exchange is declared by the application (Spring AMQP's admin declares it on every new connection, so also after
 * the broker lost it): a durable topic exchange, kept when no queue is bound. Consumers declare and bind their own
 * queues.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSharedService(SharedServices.BROKER)
class IntegrationEventsConfiguration {

    /** The exchange every integration event is published to; the routing key is the event's {@code type}. */
    static final String EXCHANGE = "shop.events";

    @Bean
    TopicExchange shopEventsExchange() {
        return new TopicExchange(EXCHANGE, true, false);
    }

    @Bean
    ConfirmedPublisher integrationEventPublisher(RabbitTemplate rabbit,
            @Value("${shop.integration.confirm-timeout:10s}") Duration confirmTimeout) {
        return new ConfirmedPublisher(rabbit, EXCHANGE, confirmTimeout);
    }

    @Bean
    OrderEventRelay orderEventRelay(ConfirmedPublisher integrationEventPublisher, MeterRegistry meters) {
        return new OrderEventRelay(integrationEventPublisher, meters);
    }
}
