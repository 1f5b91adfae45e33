package com.example.shop.integration;

import java.util.Arrays;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.orders.OrderFixtures;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without broker settings (the README's commands, and the tests' usual context) the integration module is not
 * there at all: no bean of it, no connection to a broker, no health contributor, and so no publication of an order
 * event for it that would wait for a broker forever.
 */
@IntegrationTest
class WithoutABrokerTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    HealthContributorRegistry healthContributors;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderFixtures orders;

    @Test
    void theModuleRegistersNothingAndNoPublicationWaitsForIt() throws Exception {
        assertThat(Arrays.stream(context.getBeanDefinitionNames()).map(context::getType).filter(Objects::nonNull)
                .map(Class::getName)).noneMatch(name -> name.startsWith("com.example.shop.integration."));
        assertThat(context.getBeanNamesForType(TopicExchange.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RabbitTemplate.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ConnectionFactory.class)).isEmpty();
        assertThat(healthContributors.getContributor("rabbit")).isNull();

        OrderFixtures.Placed order = orders.placeOrder(Tokens.customer(), 700, 5, 1);

        // the order's event was stored for the listeners there are (orders' test recorder), none for integration
        assertThat(publications(order.orderId(), "%OrderEventsRecorder%")).isEqualTo(1);
        assertThat(publications(order.orderId(), "com.example.shop.integration.%")).isZero();
    }

    /** Publications of the order's OrderPlaced for the listeners matching {@code listener} (open or completed). */
    int publications(String orderId, String listener) {
        return jdbc.queryForObject("""
                select count(*) from (
                  select id from event_publication where listener_id like ? and serialized_event like ?
                     and event_type = 'com.example.shop.orders.OrderPlaced'
                  union all
                  select id from event_publication_archive where listener_id like ? and serialized_event like ?
                     and event_type = 'com.example.shop.orders.OrderPlaced'
                ) p""", Integer.class, listener, "%" + orderId + "%", listener, "%" + orderId + "%");
    }
}
