package com.example.shop.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.payments.PaymentDisputed;
import com.example.shop.payments.PaymentRefunded;
import com.example.shop.payments.StripeEvents;
import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Orders' reactions to payments' events run from the event publication registry; a failed one is
 * delivered again later, after reactions to newer events. The order must end where the payment is.
 */
@IntegrationTest
class PaymentEventsOutOfOrderTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    FailedEventPublications failedPublications;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    OrderFixtures fixtures;

    @Test
    void aRefundAppliedBeforeThePaymentLeavesTheOrderRefundedNotPaid() throws Exception {
        String token = Tokens.customer();
        UUID product = fixtures.catalog.product("Overtaken", 2300, 4);
        OrderFixtures.Placed order = fixtures.placeOrder(token, product, 1);
        // orders' reaction to the success fails (committing stock that is not reserved) and waits for its redelivery
        fixtures.setReserved(product, 0);
        StripeEvents.deliver(mvc, StripeEvents.paymentSucceeded(order.paymentIntentId())).andExpect(status().isOk());
        fixtures.awaitFailedReaction(order.orderId());
        // meanwhile the whole payment is refunded in Stripe's dashboard, and orders learns that first
        fixtures.stripe.refundInDashboard(order.paymentIntentId(), 2300);
        StripeEvents.deliver(mvc, StripeEvents.event("charge.refunded", fixtures.stripe.chargeJson(order.paymentIntentId())))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fixtures.orderColumn(order.orderId(), "refunded_amount", Long.class) == 2300L);
        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PENDING_PAYMENT");

        fixtures.setReserved(product, 1);
        failedPublications.resubmit(ResubmissionOptions.defaults());

        fixtures.awaitStatus(order.orderId(), "REFUNDED");
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.status").value("REFUNDED"))
                .andExpect(jsonPath("$.paidAt").isNotEmpty())
                .andExpect(jsonPath("$.refundedAmount.amount").value(2300));
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.publications(OrderRefunded.class, order.orderId()) == 1);
        assertThat(fixtures.publications(OrderPaid.class, order.orderId())).isEqualTo(1);
        // a fully refunded order is not shipped
        fixtures.ship(Tokens.admin(), order.orderId(), "DHL", "X1")
                .andExpect(status().isConflict());
    }

    @Test
    void aClosedDisputeShowsItsOutcomeAndALateReportOfItsOpeningDoesNotReopenIt() throws Exception {
        String token = Tokens.customer();
        OrderFixtures.Placed order = fixtures.paidOrder(token, 2600, 5, 1);
        ObjectNode dispute = fixtures.stripe.openDispute(order.paymentIntentId());
        String disputeId = dispute.path("id").asString();
        StripeEvents.deliver(mvc, StripeEvents.event("charge.dispute.created", dispute)).andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(fixtures.orderColumn(order.orderId(), "dispute_status", String.class)));

        StripeEvents.deliver(mvc, StripeEvents.event("charge.dispute.closed", fixtures.stripe.closeDispute(disputeId, "won")))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10)).until(() -> "won".equals(fixtures.orderColumn(order.orderId(), "dispute_status", String.class)));
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.disputed").value(true))
                .andExpect(jsonPath("$.disputeStatus").value("won"))
                .andExpect(jsonPath("$.status").value("PAID"));

        // orders' reaction to the opening delivered once more, after the closing (a redelivery)
        transactions.executeWithoutResult(status -> events.publishEvent(new PaymentDisputed(order.orderId(),
                order.paymentIntentId(), disputeId, Money.of(2600, "EUR"), Instant.now())));
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.completedReactions(PaymentDisputed.class, disputeId) == 2);
        assertThat(fixtures.orderColumn(order.orderId(), "dispute_status", String.class)).isEqualTo("won");
    }

    @Test
    void aRefundReportedAgainAfterItFailedLeavesTheOrderPaid() throws Exception {
        String token = Tokens.customer();
        OrderFixtures.Placed order = fixtures.paidOrder(token, 2400, 5, 1);
        String refundId = fixtures.stripe.refundInDashboard(order.paymentIntentId(), 2400).path("id").asString();
        StripeEvents.deliver(mvc, StripeEvents.chargeRefunded(order.paymentIntentId())).andExpect(status().isOk());
        fixtures.awaitStatus(order.orderId(), "REFUNDED");
        StripeEvents.deliver(mvc, StripeEvents.event("refund.failed", fixtures.stripe.failRefund(refundId)))
                .andExpect(status().isOk());
        fixtures.awaitStatus(order.orderId(), "PAID");

        // orders' reaction to the refund delivered once more, after the failure (a redelivery)
        transactions.executeWithoutResult(status -> events.publishEvent(new PaymentRefunded(order.orderId(),
                order.paymentIntentId(), Money.of(2400, "EUR"), Money.of(2400, "EUR"), Money.of(0, "EUR"),
                Instant.now())));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fixtures.completedReactions(PaymentRefunded.class, order.orderId()) == 2);

        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.refundedAmount.amount").value(0));
    }

}
