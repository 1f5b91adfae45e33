package com.example.shop.orders;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.orders.internal.PaymentTimeout;
import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;
import com.jayway.jsonpath.JsonPath;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Orders when Stripe fails at the wrong moment: nothing half-done, nothing lost. */
@IntegrationTest
class OrderFailureTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentTimeout timeout;

    @Autowired
    FailedEventPublications failedPublications;

    @Autowired
    OrderFixtures fixtures;

    @Test
    void aLatePaymentWhoseRefundFailsIsRefundedWhenTheEventIsDeliveredAgain() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Late and unlucky", 4300, 3);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 1);
        fixtures.stripe.succeed(order.paymentIntentId()); // paid at Stripe, webhook not arrived yet
        fixtures.ageOrder(order.orderId(), Duration.ofMinutes(31));

        StubMapping down = fixtures.stripeFails("/v1/refunds", order.paymentIntentId(), 503, "api_error",
                "Service unavailable");
        try {
            // Stripe refuses to cancel the succeeded PaymentIntent; the order is cancelled anyway and the
            // success it learns meanwhile must be refunded - but Stripe is down for refunds right now
            timeout.cancelUnpaidOrders();
            assertThat(fixtures.statusOf(order.orderId())).isEqualTo("CANCELLED");
            StripeEvents.deliver(mvc, StripeEvents.paymentSucceededAgain(order.paymentIntentId())).andExpect(status().isOk());
            fixtures.awaitFailedReaction(order.orderId());
        } finally {
            fixtures.stripe.server().removeStub(down);
        }
        assertThat(fixtures.orderColumn(order.orderId(), "refunded_amount", Long.class)).isZero();

        failedPublications.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ZERO));

        await().atMost(Duration.ofSeconds(20)).until(() -> fixtures.orderColumn(order.orderId(), "refunded_amount", Long.class) == 4300L);
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.paidAfterCancellation").value(true))
                .andExpect(jsonPath("$.refundedAmount.amount").value(4300));
    }

    @Test
    void aPaymentStripeRefusesToStartStillAnswersThePlacedOrder() throws Exception {
        String token = Tokens.customer();
        long price = 4917; // the stub below refuses PaymentIntents of exactly this amount
        UUID product = fixtures.catalog.product("Refused", price, 3);
        StubMapping refused = fixtures.stripe.server().stubFor(WireMock.post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("amount=" + price + "&")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"amount_too_small\","
                                + "\"message\":\"Amount not accepted\"}}")));
        try {
            String key = UUID.randomUUID().toString();
            String cart = fixtures.cartWith(product, 1);
            String first = fixtures.checkout(token, cart, key)
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.status").value("PENDING_PAYMENT"))
                    .andExpect(jsonPath("$.payment").value(nullValue()))
                    .andReturn().getResponse().getContentAsString();
            String orderId = JsonPath.read(first, "$.orderId");
            assertThat(fixtures.statusOf(orderId)).isEqualTo("PENDING_PAYMENT");
            mvc.perform(get("/api/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, token))
                    .andExpect(jsonPath("$.paidAt").value(nullValue()));

            String again = fixtures.checkout(token, cart, key).andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString();
            assertThat(again).isEqualTo(first);
        } finally {
            fixtures.stripe.server().removeStub(refused);
        }
    }

    @Test
    void whileStripeIsDownThePaymentOfAnOrderIs503WithRetryAfterAndLaterItStarts() throws Exception {
        String token = Tokens.customer();
        long price = 4919; // the stub below fails PaymentIntents of exactly this amount
        UUID product = fixtures.catalog.product("Unlucky timing", price, 3);
        StubMapping down = fixtures.stripeFails("/v1/payment_intents", "amount=" + price + "&", 503, "api_error",
                "Service unavailable");
        String orderId;
        try {
            String body = fixtures.checkout(token, fixtures.cartWith(product, 1), UUID.randomUUID().toString())
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.payment").value(nullValue()))
                    .andReturn().getResponse().getContentAsString();
            orderId = JsonPath.read(body, "$.orderId");
            mvc.perform(get("/api/orders/{id}/payment", orderId).header(HttpHeaders.AUTHORIZATION, token))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
        } finally {
            fixtures.stripe.server().removeStub(down);
        }
        mvc.perform(get("/api/orders/{id}/payment", orderId).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentIntentId").isNotEmpty());
    }

    @Test
    void anAdminRefundWithALongIdempotencyKeyIsAcceptedOnce() throws Exception {
        String token = Tokens.customer();
        String admin = Tokens.admin();
        OrderFixtures.Placed order = fixtures.paidOrder(token, 2100, 5, 1);
        String key = "k".repeat(250); // the endpoint accepts up to 255 characters

        String first = fixtures.refund(admin, order.orderId(), key, "{\"amount\": 500}")
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        String again = fixtures.refund(admin, order.orderId(), key, "{\"amount\": 500}")
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();
        assertThat(again).isEqualTo(first);
        assertThat(fixtures.refundRequests(order.paymentIntentId())).hasSize(1);
    }

    @Test
    void aPaymentOfAnotherSystemOnTheSameStripeAccountDoesNotJamTheOrdersListener() throws Exception {
        // metadata.order_id set by some other application sharing the Stripe account: not one of our ids
        String reference = "ext-" + UUID.randomUUID();
        String paymentIntentId = fixtures.stripe.createIntent(reference, 1200, "eur");
        StripeEvents.deliver(mvc, StripeEvents.paymentSucceeded(paymentIntentId)).andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                select count(*) from event_publication_archive
                where listener_id like '%PaymentEventListeners%' and serialized_event like ?""", Integer.class,
                "%" + reference + "%") == 1);
        assertThat(fixtures.listenerPublicationStatus(reference)).isNull();
    }

}
