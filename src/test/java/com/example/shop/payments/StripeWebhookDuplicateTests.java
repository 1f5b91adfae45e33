package com.example.shop.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.stripe.Stripe;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook}, with payloads built from Stripe's fixtures and signed as Stripe signs
 * them. Deliveries that must not act twice or at all: the same event again, also five times at once, and types this
 * module does not handle. Each is acknowledged with a 200.
 */
@IntegrationTest
class StripeWebhookDuplicateTests extends StripeWebhookTestSupport {

    @Test
    void secondDeliveryOfSameEventChangesNothing() throws Exception {
        Paid paid = paidAtStripe(1500);
        String payload = eventJson("payment_intent.succeeded", paid.intent());

        deliver(payload, StripeSignatures.header(payload)).andExpect(jsonPath("$.outcome").value("applied"));
        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("duplicate"));

        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isEqualTo(1);
        assertThat(db().webhookEventRows(eventId(payload))).isEqualTo(1);
    }

    @Test
    void sameSucceededEventDeliveredFiveTimesConcurrentlyPublishesOnce() throws Exception {
        Paid paid = paidAtStripe(2600);
        String payload = eventJson("payment_intent.succeeded", paid.intent());
        int deliveries = 5;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        try {
            List<Future<ResultActions>> results = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return deliver(payload, StripeSignatures.header(payload));
                }));
            }
            go.countDown();
            for (Future<ResultActions> result : results) {
                statuses.add(result.get().andReturn().getResponse().getStatus());
                bodies.add(result.get().andReturn().getResponse().getContentAsString());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnly(200);
        assertThat(bodies).filteredOn(body -> body.contains("\"applied\"")).hasSize(1);
        assertThat(bodies).filteredOn(body -> body.contains("\"duplicate\"")).hasSize(deliveries - 1);
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isEqualTo(1);
        assertThat(db().webhookEventRows(eventId(payload))).isEqualTo(1);
        assertThat(db().status(paid.reference())).isEqualTo("SUCCEEDED");
    }

    @Test
    void unknownEventTypeIsAcknowledgedAndChangesNothing() throws Exception {
        Paid paid = paidAtStripe(1000);
        String payload = eventJson("payment_intent.amount_capturable_updated", paid.intent());
        String customer = StripeStandIn.json(stripe.event("customer.created",
                tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode()
                        .put("id", "cus_123").put("object", "customer"), Stripe.API_VERSION));

        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("ignored-type"));
        deliver(customer, StripeSignatures.header(customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("ignored-type"));

        assertNothingChanged(paid, payload);
    }
}
