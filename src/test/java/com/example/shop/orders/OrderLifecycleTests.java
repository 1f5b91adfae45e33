package com.example.shop.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.orders.internal.OrderPaymentService;
import com.example.shop.orders.internal.PaymentTimeout;
import com.example.shop.payments.StripeEvents;
import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Orders following their payments: signed webhooks into payments, events into orders, on the real database. */
@IntegrationTest
class OrderLifecycleTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderPaymentService orders;

    @Autowired
    PaymentTimeout timeout;

    @Autowired
    FailedEventPublications failedPublications;

    @Autowired
    OrderFixtures fixtures;

    @Test
    void theSuccessWebhookDeliveredFiveTimesAtOncePaysTheOrderOnce() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Fivefold", 2500, 4);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 3);
        String payload = StripeEvents.paymentSucceeded(order.paymentIntentId());

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(pool.submit(() -> {
                start.await();
                return StripeEvents.deliver(mvc, payload).andReturn().getResponse().getStatus();
            }));
        }
        start.countDown();
        for (Future<Integer> result : statuses) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();
        // and once more later, as a new event about the same PaymentIntent
        StripeEvents.deliver(mvc, StripeEvents.paymentSucceededAgain(order.paymentIntentId())).andExpect(status().isOk());

        fixtures.awaitStatus(order.orderId(), "PAID");
        fixtures.awaitReactions(order.orderId()); // a wrongly duplicated reaction would have run by now
        assertThat(fixtures.publications(OrderPaid.class, order.orderId())).isEqualTo(1);
        assertThat(fixtures.stock(product)).containsExactly(1, 0);
    }

    @Test
    void fiveConcurrentConfirmationsOfOnePaymentPayTheOrderOnce() throws Exception {
        // straight into orders, past payments' own de-duplication of webhook events: orders' guard alone
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Guarded", 1800, 4);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 3);
        OrderId id = OrderId.parse(order.orderId());
        Instant paidAt = Instant.now();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> confirmations = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            confirmations.add(pool.submit(() -> {
                start.await();
                orders.confirmPayment(id, order.paymentIntentId(), Money.of(5400, "EUR"), paidAt);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> confirmation : confirmations) {
            confirmation.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PAID");
        assertThat(fixtures.stock(product)).containsExactly(1, 0);
        // each confirmation wrote its OrderPaid publication, if any, before it returned
        assertThat(fixtures.publications(OrderPaid.class, order.orderId())).isEqualTo(1);
    }

    @Test
    void aCanceledPaymentIntentCancelsTheUnpaidOrderAndReleasesItsStock() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Abandoned", 650, 5);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 3);
        assertThat(fixtures.stock(product)).containsExactly(5, 3);
        // canceled at Stripe (in the dashboard, or by Stripe itself), not through the shop
        ObjectNode canceled = fixtures.stripe.intentJson(order.paymentIntentId());
        canceled.put("status", "canceled");

        StripeEvents.deliver(mvc, StripeEvents.event("payment_intent.canceled", canceled)).andExpect(status().isOk());

        fixtures.awaitStatus(order.orderId(), "CANCELLED");
        assertThat(fixtures.stock(product)).containsExactly(5, 0);
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.cancellationReason").value("payment canceled"));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.publications(OrderCancelled.class, order.orderId()) == 1);
    }

    @Test
    void aFailedPaymentAfterTheSuccessChangesNothing() throws Exception {
        String token = Tokens.customer();
        OrderFixtures.Placed order = fixtures.paidOrder(token, 1500, 5, 1);

        ObjectNode failed = fixtures.stripe.intentJson(order.paymentIntentId());
        failed.put("status", "requires_payment_method");
        failed.putObject("last_payment_error").put("message", "Your card was declined.");
        StripeEvents.deliver(mvc, StripeEvents.event("payment_intent.payment_failed", failed)).andExpect(status().isOk());

        fixtures.awaitReactions(order.orderId());
        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PAID");
    }

    @Test
    void aFailedPaymentKeepsTheOrderPayable() throws Exception {
        String token = Tokens.customer();
        OrderFixtures.Placed order = fixtures.placeOrder(token, 1500, 5, 1);
        StripeEvents.deliver(mvc, StripeEvents.paymentFailed(order.paymentIntentId())).andExpect(status().isOk());
        fixtures.awaitReactions(order.orderId());
        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PENDING_PAYMENT");

        mvc.perform(get("/api/orders/{id}/payment", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentIntentId").value(order.paymentIntentId()));
        fixtures.pay(order);
    }

    @Test
    void aListenerThatFailsOnceStillEndsPaidAfterResubmission() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Fragile", 900, 5);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 2);
        // break the data the confirmation needs: committing 2 reserved units must fail while none are reserved
        fixtures.setReserved(product, 0);

        StripeEvents.deliver(mvc, StripeEvents.paymentSucceeded(order.paymentIntentId())).andExpect(status().isOk());
        fixtures.awaitFailedReaction(order.orderId());
        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PENDING_PAYMENT");

        fixtures.setReserved(product, 2);
        failedPublications.resubmit(ResubmissionOptions.defaults().withMinAge(Duration.ZERO));

        fixtures.awaitStatus(order.orderId(), "PAID");
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
    }

    @Test
    void anUnpaidOrderTimesOutReleasingStockAndCancellingThePaymentIntent() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Forgotten", 800, 3);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 2);
        assertThat(fixtures.stock(product)).containsExactly(3, 2);
        fixtures.ageOrder(order.orderId(), Duration.ofMinutes(31));

        assertThat(timeout.cancelUnpaidOrders()).isGreaterThanOrEqualTo(1);

        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("CANCELLED");
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
        assertThat(fixtures.stripe.intentJson(order.paymentIntentId()).path("status").asString()).isEqualTo("canceled");
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.cancellationReason").value("payment timeout"));
        assertThat(timeout.cancelUnpaidOrders()).isZero();
    }

    @Test
    void aPaymentThatSucceedsAfterTheTimeoutIsRefundedAutomatically() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Too Late", 4200, 3);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 1);
        String payload = StripeEvents.paymentSucceeded(order.paymentIntentId()); // paid at Stripe, webhook delayed
        fixtures.ageOrder(order.orderId(), Duration.ofMinutes(31));
        timeout.cancelUnpaidOrders(); // Stripe refuses to cancel a succeeded PaymentIntent; the order is cancelled anyway
        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("CANCELLED");

        StripeEvents.deliver(mvc, payload).andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(15)).until(() -> fixtures.refundsAtStripe(order.paymentIntentId()) == 1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> fixtures.orderColumn(order.orderId(), "refunded_amount", Long.class) == 4200L);
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.paidAfterCancellation").value(true))
                .andExpect(jsonPath("$.refundedAmount.amount").value(4200));
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
    }

    @Test
    void theOwnerCancelsAnUnpaidOrderOnce() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Regret", 500, 4);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 4);

        mvc.perform(post("/api/orders/{id}/cancel", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        assertThat(fixtures.stock(product)).containsExactly(4, 0);
        assertThat(fixtures.stripe.intentJson(order.paymentIntentId()).path("status").asString()).isEqualTo("canceled");
        mvc.perform(post("/api/orders/{id}/cancel", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/illegal-order-transition"));
        // Stripe reports the cancellation too: nothing more happens
        StripeEvents.deliver(mvc, StripeEvents.event("payment_intent.canceled", fixtures.stripe.intentJson(order.paymentIntentId())))
                .andExpect(status().isOk());
        fixtures.awaitReactions(order.orderId());
        assertThat(fixtures.stock(product)).containsExactly(4, 0);
        assertThat(fixtures.publications(OrderCancelled.class, order.orderId())).isEqualTo(1);
    }

    @Test
    void aDisputeFlagsThePaidOrder() throws Exception {
        String token = Tokens.customer();
        OrderFixtures.Placed order = fixtures.paidOrder(token, 2200, 5, 1);

        ObjectNode dispute = fixtures.stripe.openDispute(order.paymentIntentId());
        StripeEvents.deliver(mvc, StripeEvents.event("charge.dispute.created", dispute)).andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Boolean.TRUE.equals(fixtures.orderColumn(order.orderId(), "disputed", Boolean.class)));
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.disputed").value(true))
                .andExpect(jsonPath("$.status").value("PAID"));
    }

    @Test
    void ordersAreVisibleOnlyToTheirOwnerAndAdminsAndAdminActionsNeedTheRole() throws Exception {
        String alice = Tokens.customer();
        String bob = Tokens.customer();
        OrderFixtures.Placed order = fixtures.placeOrder(alice, 1000, 5, 1);

        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, bob))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/orders/{id}/payment", order.orderId()).header(HttpHeaders.AUTHORIZATION, bob))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/orders/{id}/cancel", order.orderId()).header(HttpHeaders.AUTHORIZATION, bob))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, bob))
                .andExpect(jsonPath("$.page.totalElements").value(0));
        fixtures.ship(alice, order.orderId(), "DHL", "1")
                .andExpect(status().isForbidden());
        fixtures.refund(alice, order.orderId(), "k", "{}")
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/orders").header(HttpHeaders.AUTHORIZATION, alice)).andExpect(status().isForbidden());
        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void adminsShipPaidOrdersOnly() throws Exception {
        String token = Tokens.customer();
        OrderFixtures.Placed unpaid = fixtures.placeOrder(token, 1000, 5, 1);
        OrderFixtures.Placed paid = fixtures.paidOrder(token, 1000, 5, 1);

        fixtures.ship(Tokens.admin(), unpaid.orderId(), "DHL", "JD0146")
                .andExpect(status().isConflict());
        fixtures.ship(Tokens.admin(), paid.orderId(), "DHL", "JD0146")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SHIPPED"))
                .andExpect(jsonPath("$.trackingNumber").value("JD0146"));
        fixtures.ship(Tokens.admin(), paid.orderId(), "DHL", "JD0146")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/illegal-order-transition"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("shipped already")));
        assertThat(fixtures.publications(OrderShipped.class, paid.orderId())).isEqualTo(1);
        mvc.perform(get("/api/admin/orders").param("status", "SHIPPED").header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[?(@.id == '" + paid.orderId() + "')]").exists());
        mvc.perform(get("/api/admin/orders").param("status", "NOPE").header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aPartiallyRefundedOrderIsNotShipped() throws Exception {
        String admin = Tokens.admin();
        OrderFixtures.Placed order = fixtures.paidOrder(Tokens.customer(), 3000, 5, 1);
        fixtures.refund(admin, order.orderId(), "partial", "{\"amount\": 1000}").andExpect(status().isAccepted());
        fixtures.awaitStatus(order.orderId(), "PARTIALLY_REFUNDED");

        fixtures.ship(admin, order.orderId(), "DHL", "JD0147")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/illegal-order-transition"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "is PARTIALLY_REFUNDED and cannot become SHIPPED: only a PAID order ships")));
        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(fixtures.publications(OrderShipped.class, order.orderId())).isZero();
    }

    @Test
    void aShippedOrderIsRefundedInPartThenInFullAndKeepsItsShipment() throws Exception {
        String token = Tokens.customer();
        String admin = Tokens.admin();
        OrderFixtures.Placed order = fixtures.paidOrder(token, 3000, 5, 1);
        fixtures.ship(admin, order.orderId(), "DHL", "JD0148")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SHIPPED"));

        fixtures.refund(admin, order.orderId(), "part", "{\"amount\": 1000}").andExpect(status().isAccepted());
        fixtures.awaitStatus(order.orderId(), "PARTIALLY_REFUNDED");
        fixtures.ship(admin, order.orderId(), "UPS", "1Z")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("shipped already")));

        // the rest refunded after it shipped: REFUNDED, still showing when and how it shipped
        fixtures.refund(admin, order.orderId(), "rest", "{}").andExpect(status().isAccepted())
                .andExpect(jsonPath("$.amount.amount").value(2000));
        fixtures.awaitStatus(order.orderId(), "REFUNDED");
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.refundedAmount.amount").value(3000))
                .andExpect(jsonPath("$.carrier").value("DHL"))
                .andExpect(jsonPath("$.trackingNumber").value("JD0148"))
                .andExpect(jsonPath("$.shippedAt").isNotEmpty());
        assertThat(fixtures.publications(OrderShipped.class, order.orderId())).isEqualTo(1);
    }

    @Test
    void adminRefundsArePartialOrFullNeverMoreThanPaidAndIdempotent() throws Exception {
        String token = Tokens.customer();
        String admin = Tokens.admin();
        OrderFixtures.Placed unpaid = fixtures.placeOrder(token, 3000, 5, 1);
        OrderFixtures.Placed order = fixtures.paidOrder(token, 3000, 5, 1);

        fixtures.refund(admin, unpaid.orderId(), "k0", "{}").andExpect(status().isConflict());
        fixtures.refund(admin, order.orderId(), "k1", "{\"amount\": 3001}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/not-refundable"));
        mvc.perform(post("/api/admin/orders/{id}/refunds", order.orderId()).header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());

        String first = fixtures.refund(admin, order.orderId(), "k2", "{\"amount\": 1000, \"reason\": \"damaged\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.amount.amount").value(1000))
                .andReturn().getResponse().getContentAsString();
        String again = fixtures.refund(admin, order.orderId(), "k2", "{\"amount\": 1000, \"reason\": \"damaged\"}")
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        assertThat(again).isEqualTo(first);
        fixtures.refund(admin, order.orderId(), "k2", "{\"amount\": 900}").andExpect(status().isUnprocessableEntity());
        assertThat(fixtures.refundsAtStripe(order.paymentIntentId())).isEqualTo(1);
        fixtures.awaitStatus(order.orderId(), "PARTIALLY_REFUNDED");

        fixtures.refund(admin, order.orderId(), "k3", "{}").andExpect(status().isAccepted())
                .andExpect(jsonPath("$.amount.amount").value(2000));
        fixtures.awaitStatus(order.orderId(), "REFUNDED");
        fixtures.refund(admin, order.orderId(), "k4", "{}").andExpect(status().isConflict());
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.refundedAmount.amount").value(3000));
    }

    @Test
    void aRefundThatFailsAtStripeMakesTheOrderPaidAndRefundableAgain() throws Exception {
        String token = Tokens.customer();
        String admin = Tokens.admin();
        OrderFixtures.Placed order = fixtures.paidOrder(token, 2500, 5, 1);
        String refundId = JsonPath.read(fixtures.refund(admin, order.orderId(), "full", "{}").andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString(), "$.refundId");
        fixtures.awaitStatus(order.orderId(), "REFUNDED");

        // the money never reached the customer (a closed card account): Stripe reports the refund failed
        StripeEvents.deliver(mvc, StripeEvents.event("refund.failed", fixtures.stripe.failRefund(refundId)))
                .andExpect(status().isOk());

        fixtures.awaitStatus(order.orderId(), "PAID");
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.refundedAmount.amount").value(0));
        fixtures.refund(admin, order.orderId(), "again", "{}").andExpect(status().isAccepted())
                .andExpect(jsonPath("$.amount.amount").value(2500));
        fixtures.awaitStatus(order.orderId(), "REFUNDED");
        assertThat(fixtures.refundsAtStripe(order.paymentIntentId())).isEqualTo(2);
    }
}
