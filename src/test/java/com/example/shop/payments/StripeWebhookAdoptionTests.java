package com.example.shop.payments;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook}, with payloads built from Stripe's fixtures and signed as Stripe signs
 * them. PaymentIntents this system never stored: one of ours (it carries {@code metadata.order_id}) is adopted from
 * its metadata before its fact applies; another system's on the same Stripe account is acknowledged without effect.
 */
@IntegrationTest
class StripeWebhookAdoptionTests extends StripeWebhookTestSupport {

    @Test
    void succeededEventForAPaymentIntentNeverStoredIsAdoptedFromItsMetadata() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        String intentId = stripe.createIntent(reference, 4400, "EUR"); // created, but the store was lost
        String payload = eventJson("payment_intent.succeeded", stripe.succeed(intentId));

        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
        assertThat(db().payment(reference).get("payment_intent_id")).isEqualTo(intentId);
        assertThat(db().publications(PaymentSucceeded.class, reference)).isEqualTo(1);
        // the shop's own start() for the reference now returns that PaymentIntent instead of creating one
        assertThat(payments.start(PaymentsTestSupport.startOf(reference, 4400)).paymentIntentId()).isEqualTo(intentId);
        assertThat(stripe.intentsFor(reference)).isEqualTo(1);
    }

    @Test
    void aRefundOfOurPaymentIntentNeverStoredAdoptsThePaymentFirst() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        String intentId = stripe.createIntent(reference, 4400, "EUR"); // created, but the store was lost
        stripe.succeed(intentId);
        stripe.refundInDashboard(intentId, 400);
        String refunded = eventJson("charge.refunded", stripe.chargeJson(intentId));

        deliver(refunded, StripeSignatures.header(refunded))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(db().payment(reference).get("payment_intent_id")).isEqualTo(intentId);
        assertThat(db().status(reference)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(db().payment(reference).get("refunded_amount")).isEqualTo(400L);
        assertThat(db().publications(PaymentSucceeded.class, reference)).isEqualTo(1);
        assertThat(db().publications(PaymentRefunded.class, reference)).isEqualTo(1);
    }

    @Test
    void aDisputeOfOurPaymentIntentNeverStoredAdoptsThePaymentFirst() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        String intentId = stripe.createIntent(reference, 5100, "EUR");
        stripe.succeed(intentId);
        String disputed = eventJson("charge.dispute.created", stripe.openDispute(intentId));

        deliver(disputed, StripeSignatures.header(disputed)).andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
        assertThat(db().publications(PaymentSucceeded.class, reference)).isEqualTo(1);
        assertThat(db().publications(PaymentDisputed.class, reference)).isEqualTo(1);
    }

    @Test
    void paymentIntentOfAnotherSystemIsAcknowledgedWithoutEffect() throws Exception {
        String intentId = stripe.createIntent(null, 999, "EUR");
        String payload = eventJson("payment_intent.succeeded", stripe.succeed(intentId));

        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("foreign"));

        assertThat(jdbc.queryForObject("select count(*) from payments_payment where payment_intent_id = ?",
                Integer.class, intentId)).isZero();
    }

    @Test
    void aRefundUpdateOfAnotherSystemsPaymentIntentIsAcknowledgedWithoutEffect() throws Exception {
        String intentId = stripe.createIntent(null, 2500, "EUR");
        stripe.succeed(intentId);
        ObjectNode refund = stripe.refundInDashboard(intentId, 700);
        String updated = eventJson("refund.updated", refund);

        deliver(updated, StripeSignatures.header(updated))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("foreign"));
    }

    @Test
    void aRefundOrDisputeOfAnotherSystemsPaymentIntentIsAcknowledgedWithoutEffect() throws Exception {
        String intentId = stripe.createIntent(null, 2500, "EUR"); // no metadata.order_id
        stripe.succeed(intentId);
        stripe.refundInDashboard(intentId, 1000);
        String refunded = eventJson("charge.refunded", stripe.chargeJson(intentId));
        String disputed = eventJson("charge.dispute.created", stripe.openDispute(intentId));

        deliver(refunded, StripeSignatures.header(refunded))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("foreign"));
        deliver(disputed, StripeSignatures.header(disputed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("foreign"));

        assertThat(db().webhookOutcome(eventId(refunded))).isEqualTo("foreign");
        assertThat(db().webhookOutcome(eventId(disputed))).isEqualTo("foreign");
        assertThat(jdbc.queryForObject("select count(*) from payments_payment where payment_intent_id = ?",
                Integer.class, intentId)).isZero();
        deliver(refunded, StripeSignatures.header(refunded)).andExpect(jsonPath("$.outcome").value("duplicate"));
    }
}
