package com.example.shop.payments;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook}, with payloads built from Stripe's fixtures and signed as Stripe signs
 * them. Signatures: an event is taken only when its {@code Stripe-Signature} checks out over the exact bytes received,
 * under this endpoint's secret and within the tolerance. Anything else is a 400 problem that changes nothing.
 */
@IntegrationTest
class StripeWebhookSignatureTests extends StripeWebhookTestSupport {

    @Test
    void acceptsAnEventWithAValidSignature() throws Exception {
        Paid paid = paidAtStripe(1999);
        String payload = eventJson("payment_intent.succeeded", paid.intent());

        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("applied"));

        assertThat(db().status(paid.reference())).isEqualTo("SUCCEEDED");
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isEqualTo(1);
    }

    @Test
    void theSignatureCoversTheRawBytesAPrettyPrintedBodyIsAcceptedAndAReSerialisedOneRejected() throws Exception {
        Paid paid = paidAtStripe(1999);
        ObjectNode intent = paid.intent().deepCopy();
        intent.put("description", "Café crème für Zoë – ☕"); // multi-byte UTF-8 in the signed bytes too
        String compact = eventJson("payment_intent.succeeded", intent);
        String pretty = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(tools.jackson.databind.json.JsonMapper.builder().build().readTree(compact));
        assertThat(pretty).contains("\n  ").isNotEqualTo(compact);
        String signedOverThePrettyBytes = StripeSignatures.header(pretty);

        // the same JSON re-serialised (other bytes) with the signature of the pretty-printed bytes
        deliver(compact, signedOverThePrettyBytes).andExpect(status().isBadRequest());
        assertNothingChanged(paid, compact);

        deliver(pretty, signedOverThePrettyBytes)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("applied"));
        assertThat(db().status(paid.reference())).isEqualTo("SUCCEEDED");
    }

    @Test
    void rejectsWebhookWithoutSignature() throws Exception {
        Paid paid = paidAtStripe(1000);
        String payload = eventJson("payment_intent.succeeded", paid.intent());

        mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON).content(payload))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/invalid-webhook-signature"));

        assertNothingChanged(paid, payload);
    }

    @Test
    void rejectsWebhookSignedWithAnotherSecret() throws Exception {
        Paid paid = paidAtStripe(1000);
        String payload = eventJson("payment_intent.succeeded", paid.intent());

        deliver(payload, StripeSignatures.header(payload, "whsec_someone_else", Instant.now()))
                .andExpect(status().isBadRequest());

        assertNothingChanged(paid, payload);
    }

    @Test
    void rejectsWebhookWithTamperedBody() throws Exception {
        Paid paid = paidAtStripe(1000);
        String payload = eventJson("payment_intent.succeeded", paid.intent());
        String signature = StripeSignatures.header(payload);
        String tampered = payload.replace("\"amount\":1000", "\"amount\":1");
        assertThat(tampered).isNotEqualTo(payload);

        deliver(tampered, signature).andExpect(status().isBadRequest());

        assertNothingChanged(paid, payload);
    }

    @Test
    void rejectsWebhookWithStaleTimestamp() throws Exception {
        Paid paid = paidAtStripe(1000);
        String payload = eventJson("payment_intent.succeeded", paid.intent());
        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));

        deliver(payload, StripeSignatures.header(payload, StripeSignatures.LOCAL_WEBHOOK_SECRET, sixMinutesAgo))
                .andExpect(status().isBadRequest());

        assertNothingChanged(paid, payload);
    }

    @Test
    void rejectsGarbageSignatureHeader() throws Exception {
        Paid paid = paidAtStripe(1000);
        String payload = eventJson("payment_intent.succeeded", paid.intent());

        deliver(payload, "v1=nonsense").andExpect(status().isBadRequest());

        assertNothingChanged(paid, payload);
    }
}
