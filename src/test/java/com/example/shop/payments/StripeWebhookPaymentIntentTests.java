package com.example.shop.payments;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook}, with payloads built from Stripe's fixtures and signed as Stripe signs
 * them. What a PaymentIntent's events do to its payment: a failed attempt keeps it payable, a cancellation ends it,
 * and a success for another amount or currency than the one stored is not confirmed.
 */
@IntegrationTest
class StripeWebhookPaymentIntentTests extends StripeWebhookTestSupport {

    @Test
    void aFailedAttemptKeepsThePaymentPayable() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 800));
        String failed = eventJson("payment_intent.payment_failed",
                stripe.fail(view.paymentIntentId(), "Your card was declined."));

        deliver(failed, StripeSignatures.header(failed)).andExpect(jsonPath("$.outcome").value("applied"));
        assertThat(db().status(reference)).isEqualTo("FAILED");
        assertThat(db().payment(reference).get("failure_reason")).isEqualTo("Your card was declined.");
        assertThat(db().publications(PaymentFailed.class, reference)).isEqualTo(1);

        String succeeded = eventJson("payment_intent.succeeded", stripe.succeed(view.paymentIntentId()));
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(jsonPath("$.outcome").value("applied"));
        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
    }

    @Test
    void aCancelledPaymentIntentCancelsAWaitingPayment() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 800));
        ObjectNode cancelled = stripe.intentJson(view.paymentIntentId());
        cancelled.put("status", "canceled");
        String payload = eventJson("payment_intent.canceled", cancelled);

        deliver(payload, StripeSignatures.header(payload)).andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(db().status(reference)).isEqualTo("CANCELLED");
        assertThat(db().publications(PaymentCancelled.class, reference)).isEqualTo(1);
    }

    @Test
    void amountMismatchIsNotConfirmedAndIsRecorded() throws Exception {
        Paid paid = paidAtStripe(5000);
        ObjectNode lessThanExpected = paid.intent().deepCopy();
        lessThanExpected.put("amount", 50);
        lessThanExpected.put("amount_received", 50);
        String payload = eventJson("payment_intent.succeeded", lessThanExpected);

        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("amount-mismatch"));

        assertThat(db().status(paid.reference())).isEqualTo("PENDING");
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isZero();
        assertThat(db().webhookOutcome(eventId(payload))).isEqualTo("amount-mismatch");
        assertThat((String) db().payment(paid.reference()).get("review_reason"))
                .contains("50 EUR", "expected 5000 EUR");
    }

    @Test
    void currencyMismatchIsNotConfirmed() throws Exception {
        Paid paid = paidAtStripe(5000);
        ObjectNode otherCurrency = paid.intent().deepCopy();
        otherCurrency.put("currency", "usd");
        String payload = eventJson("payment_intent.succeeded", otherCurrency);

        deliver(payload, StripeSignatures.header(payload)).andExpect(jsonPath("$.outcome").value("amount-mismatch"));

        assertThat(db().status(paid.reference())).isEqualTo("PENDING");
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isZero();
    }
}
