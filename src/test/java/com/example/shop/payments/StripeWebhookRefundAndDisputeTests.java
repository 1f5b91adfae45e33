package com.example.shop.payments;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook}, with payloads built from Stripe's fixtures and signed as Stripe signs
 * them. Refunds and disputes reported by Stripe: a refund that fails later leaves the refunded total, a dispute opened
 * and closed is published once each, and neither applies to a payment held for review.
 */
@IntegrationTest
class StripeWebhookRefundAndDisputeTests extends StripeWebhookTestSupport {

    @Test
    void aRefundThatFailsLaterTakesItsAmountOutOfTheTotalAndPublishesThatOnce() throws Exception {
        Paid paid = paidAtStripe(5000);
        String succeeded = eventJson("payment_intent.succeeded", paid.intent());
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(status().isOk());
        RefundView refund = payments.refund(paid.reference(), com.example.shop.shared.Money.of(2000, "EUR"), "r1", null);
        String refunded = eventJson("charge.refunded", stripe.chargeJson(paid.paymentIntentId())); // says 2000
        ObjectNode failedRefund = stripe.failRefund(refund.refundId());
        String failed = eventJson("refund.failed", failedRefund);
        ObjectNode succeededRefund = failedRefund.deepCopy().put("status", "succeeded");
        String olderUpdate = eventJson("refund.updated", succeededRefund);

        deliver(failed, StripeSignatures.header(failed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("refund-failed"));
        assertThat(db().payment(paid.reference()).get("refunded_amount")).isEqualTo(0L);
        assertThat(db().status(paid.reference())).isEqualTo("SUCCEEDED");
        assertThat(db().serializedEvents(RefundFailed.class, paid.reference())).singleElement().satisfies(event ->
                assertThat(event).contains("\"amount\":{\"amount\":2000", "\"totalRefunded\":{\"amount\":0",
                        "\"totalFailed\":{\"amount\":2000"));

        // late, older news changes nothing: the refund's status only moves forward, the charge is asked again
        deliver(olderUpdate, StripeSignatures.header(olderUpdate)).andExpect(jsonPath("$.outcome").value("no-change"));
        deliver(refunded, StripeSignatures.header(refunded)).andExpect(jsonPath("$.outcome").value("no-change"));
        deliver(failed, StripeSignatures.header(failed)).andExpect(jsonPath("$.outcome").value("duplicate"));

        assertThat(db().payment(paid.reference()).get("refunded_amount")).isEqualTo(0L);
        assertThat(db().publications(PaymentRefunded.class, paid.reference())).isEqualTo(1); // the refund itself
        assertThat(db().publications(RefundFailed.class, paid.reference())).isEqualTo(1);
        assertThat(payments.refund(paid.reference(), null, "r2", null).amount().amount()).isEqualTo(5000);
    }

    @Test
    void disputeCreatedAndClosedArePublishedOnce() throws Exception {
        Paid paid = paidAtStripe(7000);
        String succeeded = eventJson("payment_intent.succeeded", paid.intent());
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(status().isOk());
        ObjectNode dispute = stripe.openDispute(paid.paymentIntentId());
        String created = eventJson("charge.dispute.created", dispute);
        String closed = eventJson("charge.dispute.closed",
                stripe.closeDispute(dispute.get("id").asString(), "lost"));

        deliver(created, StripeSignatures.header(created)).andExpect(jsonPath("$.outcome").value("applied"));
        deliver(closed, StripeSignatures.header(closed)).andExpect(jsonPath("$.outcome").value("applied"));
        String createdAgain = eventJson("charge.dispute.created", dispute); // another event id, same dispute
        deliver(createdAgain, StripeSignatures.header(createdAgain)).andExpect(jsonPath("$.outcome").value("no-change"));

        assertThat(db().publications(PaymentDisputed.class, paid.reference())).isEqualTo(1);
        assertThat(db().publications(DisputeClosed.class, paid.reference())).isEqualTo(1);
        assertThat(db().serializedEvents(DisputeClosed.class, paid.reference())).singleElement()
                .satisfies(event -> assertThat(event).contains("\"openingPublished\":true"));
        assertThat(db().payment(paid.reference()).get("dispute_status")).isEqualTo("lost");
    }

    @Test
    void aRefundOrDisputeOfAPaymentHeldForReviewIsRecordedAsNeedingReview() throws Exception {
        Paid paid = paidAtStripe(5000);
        ObjectNode lessThanExpected = paid.intent().deepCopy();
        lessThanExpected.put("amount", 50);
        lessThanExpected.put("amount_received", 50);
        String mismatch = eventJson("payment_intent.succeeded", lessThanExpected);
        deliver(mismatch, StripeSignatures.header(mismatch)).andExpect(jsonPath("$.outcome").value("amount-mismatch"));
        stripe.refundInDashboard(paid.paymentIntentId(), 5000); // the operator's usual fix
        String refunded = eventJson("charge.refunded", stripe.chargeJson(paid.paymentIntentId()));
        String disputed = eventJson("charge.dispute.created", stripe.openDispute(paid.paymentIntentId()));

        deliver(refunded, StripeSignatures.header(refunded))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("needs-review"));
        deliver(disputed, StripeSignatures.header(disputed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("needs-review"));

        assertThat(db().webhookOutcome(eventId(refunded))).isEqualTo("needs-review");
        assertThat(db().status(paid.reference())).isEqualTo("PENDING");
        assertThat(db().publications(PaymentRefunded.class, paid.reference())).isZero();
        assertThat(db().publications(PaymentDisputed.class, paid.reference())).isZero();
    }
}
