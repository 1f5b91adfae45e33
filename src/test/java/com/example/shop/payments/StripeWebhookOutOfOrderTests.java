package com.example.shop.payments;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook}, with payloads built from Stripe's fixtures and signed as Stripe signs
 * them. Events in another order than they happened, as Stripe may deliver them: late older news changes nothing, a
 * fact that overtook the state it depends on is delivered again later, and every refund counts once.
 */
@IntegrationTest
class StripeWebhookOutOfOrderTests extends StripeWebhookTestSupport {

    @Test
    void paymentFailedAfterSucceededLeavesItSucceeded() throws Exception {
        Paid paid = paidAtStripe(1200);
        String succeeded = eventJson("payment_intent.succeeded", paid.intent());
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(status().isOk());

        ObjectNode failedIntent = paid.intent().deepCopy();
        failedIntent.put("status", "requires_payment_method");
        failedIntent.put("amount_received", 0);
        failedIntent.putObject("last_payment_error").put("type", "card_error").put("code", "card_declined")
                .put("message", "Your card was declined.");
        String failed = eventJson("payment_intent.payment_failed", failedIntent);
        deliver(failed, StripeSignatures.header(failed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("no-change"));

        assertThat(db().status(paid.reference())).isEqualTo("SUCCEEDED");
        assertThat(db().publications(PaymentFailed.class, paid.reference())).isZero();
    }

    @Test
    void chargeRefundedBeforeSucceededAsksStripeToDeliverAgain() throws Exception {
        Paid paid = paidAtStripe(6000); // succeeded at Stripe, the succeeded event not delivered yet
        stripe.refundInDashboard(paid.paymentIntentId(), 6000);
        String refunded = eventJson("charge.refunded", stripe.chargeJson(paid.paymentIntentId()));

        deliver(refunded, StripeSignatures.header(refunded)).andExpect(status().isServiceUnavailable());
        assertThat(db().webhookEventRows(eventId(refunded))).isZero();

        String succeeded = eventJson("payment_intent.succeeded", paid.intent());
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(status().isOk());
        deliver(refunded, StripeSignatures.header(refunded)).andExpect(jsonPath("$.outcome").value("applied"));
        assertThat(db().status(paid.reference())).isEqualTo("REFUNDED");
    }

    @Test
    void refundsAreCountedOnceEachWhateverOrderTheirEventsArriveIn() throws Exception {
        Paid paid = paidAtStripe(6000);
        String succeeded = eventJson("payment_intent.succeeded", paid.intent());
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(status().isOk());
        stripe.refundInDashboard(paid.paymentIntentId(), 1000);
        String first = eventJson("charge.refunded", stripe.chargeJson(paid.paymentIntentId())); // says 1000
        stripe.refundInDashboard(paid.paymentIntentId(), 2000);
        String second = eventJson("charge.refunded", stripe.chargeJson(paid.paymentIntentId())); // says 3000

        deliver(second, StripeSignatures.header(second)).andExpect(jsonPath("$.outcome").value("applied"));
        deliver(first, StripeSignatures.header(first)).andExpect(jsonPath("$.outcome").value("no-change"));

        assertThat(db().status(paid.reference())).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(db().payment(paid.reference()).get("refunded_amount")).isEqualTo(3000L);
        assertThat(db().publications(PaymentRefunded.class, paid.reference())).isEqualTo(1);
        assertThat(payments.find(paid.reference()).orElseThrow().refunded().amount()).isEqualTo(3000);
        assertThat(stripe.requests("GET", "/v1/refunds")).isNotEmpty(); // the charge does not list its refunds
    }

    @Test
    void aDisputeClosedBeforeItsOpeningArrivedIsStillRecorded() throws Exception {
        Paid paid = paidAtStripe(7200);
        String succeeded = eventJson("payment_intent.succeeded", paid.intent());
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(status().isOk());
        ObjectNode dispute = stripe.openDispute(paid.paymentIntentId());
        String created = eventJson("charge.dispute.created", dispute);
        String closed = eventJson("charge.dispute.closed", stripe.closeDispute(dispute.get("id").asString(), "lost"));

        deliver(closed, StripeSignatures.header(closed)).andExpect(jsonPath("$.outcome").value("applied"));
        deliver(created, StripeSignatures.header(created)).andExpect(jsonPath("$.outcome").value("no-change"));

        assertThat(db().payment(paid.reference()).get("dispute_id")).isEqualTo(dispute.get("id").asString());
        assertThat(db().payment(paid.reference()).get("dispute_status")).isEqualTo("lost");
        assertThat(db().publications(PaymentDisputed.class, paid.reference())).isZero();
        List<String> closings = db().serializedEvents(DisputeClosed.class, paid.reference());
        assertThat(closings).singleElement().satisfies(event -> assertThat(event)
                .contains("\"openingPublished\":false", "\"status\":\"lost\"", "\"amount\":7200"));
    }

    @Test
    void aNewerAttemptNeverStoredReplacesTheCancelledOneAndAnOlderAttemptIsIgnored() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        PaymentView first = payments.start(PaymentsTestSupport.startOf(reference, 1800));
        payments.cancel(reference);
        String secondId = stripe.createIntent(reference, 2, 1800, "EUR"); // attempt 2 created, store lost
        String payload = eventJson("payment_intent.succeeded", stripe.succeed(secondId));

        deliver(payload, StripeSignatures.header(payload)).andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(db().payment(reference).get("payment_intent_id")).isEqualTo(secondId);
        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
        ObjectNode oldAttempt = stripe.intentJson(first.paymentIntentId());
        String late = eventJson("payment_intent.canceled", oldAttempt);
        deliver(late, StripeSignatures.header(late)).andExpect(jsonPath("$.outcome").value("superseded-intent"));
        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
    }
}
