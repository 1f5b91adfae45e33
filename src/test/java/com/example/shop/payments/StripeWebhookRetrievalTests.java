package com.example.shop.payments;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.stripe.Stripe;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook}, with payloads built from Stripe's fixtures and signed as Stripe signs
 * them. Events whose object this stripe-java cannot read (rendered for another API version) are handled by retrieving
 * the object from Stripe: once, without retries, and a Stripe that is down or refuses this shop's key is a 503 that
 * records nothing, so Stripe delivers the event again.
 */
@IntegrationTest
class StripeWebhookRetrievalTests extends StripeWebhookTestSupport {

    @Test
    void eventOfAnotherApiVersionIsProcessedByRetrievingTheObject() throws Exception {
        Paid paid = paidAtStripe(3100);
        // An old-shaped object: this stripe-java will not deserialise it; the handler must ask Stripe.
        ObjectNode oldShape = paid.intent().deepCopy();
        oldShape.remove("latest_charge");
        oldShape.putObject("charges").put("object", "list").putArray("data");
        String payload = eventJson("payment_intent.succeeded", oldShape, "2020-08-27");
        int retrievalsBefore = retrievals(paid.paymentIntentId());

        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(retrievals(paid.paymentIntentId())).isEqualTo(retrievalsBefore + 1);
        assertThat(db().status(paid.reference())).isEqualTo("SUCCEEDED");
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isEqualTo(1);
    }

    @Test
    void disputeOfAnotherApiVersionIsRetrievedFromStripe() throws Exception {
        Paid paid = paidAtStripe(7100);
        String succeeded = eventJson("payment_intent.succeeded", paid.intent());
        deliver(succeeded, StripeSignatures.header(succeeded)).andExpect(status().isOk());
        ObjectNode dispute = stripe.openDispute(paid.paymentIntentId());
        String created = eventJson("charge.dispute.created", dispute, "2019-02-19");

        deliver(created, StripeSignatures.header(created)).andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(stripe.requests("GET", "/v1/disputes/" + dispute.get("id").asString())).hasSize(1);
        assertThat(db().publications(PaymentDisputed.class, paid.reference())).isEqualTo(1);
    }

    @Test
    void aRetrievalRefusedForOurApiKeyIsA503AndNothingIsRecorded() throws Exception {
        Paid paid = paidAtStripe(3200);
        String payload = eventJson("payment_intent.succeeded", paid.intent(), "2020-08-27");
        StubMapping revoked = stripe.server().stubFor(get(urlPathEqualTo("/v1/payment_intents/" + paid.paymentIntentId()))
                .atPriority(1).willReturn(PaymentsTests.stripeError(401, "invalid_request_error", null, null,
                        "Invalid API Key provided")));
        try {
            deliver(payload, StripeSignatures.header(payload))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("configuration error")));
        } finally {
            stripe.server().removeStub(revoked);
        }
        assertNothingChanged(paid, payload);

        deliver(payload, StripeSignatures.header(payload)).andExpect(jsonPath("$.outcome").value("applied"));
    }

    @Test
    void aRetrievalForAWebhookIsNotRetriedWhileStripeIsDown() throws Exception {
        Paid paid = paidAtStripe(3300);
        String payload = eventJson("payment_intent.succeeded", paid.intent(), "2020-08-27");
        int retrievalsBefore = retrievals(paid.paymentIntentId());
        StubMapping down = stripe.server().stubFor(get(urlPathEqualTo("/v1/payment_intents/" + paid.paymentIntentId()))
                .atPriority(1).willReturn(PaymentsTests.stripeError(503, "api_error", null, null, "Service unavailable")));
        try {
            deliver(payload, StripeSignatures.header(payload)).andExpect(status().isServiceUnavailable());
        } finally {
            stripe.server().removeStub(down);
        }
        // one attempt: Stripe's redelivery is the retry, and the webhook answers without waiting for backoffs
        assertThat(retrievals(paid.paymentIntentId())).isEqualTo(retrievalsBefore + 1);
        assertNothingChanged(paid, payload);
    }
}
