package com.example.shop.payments;

import com.stripe.Stripe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What the webhook tests share: a payment paid at the {@link StripeStandIn} that the shop has not heard of
 * yet, Stripe events around the stand-in's objects, a delivery to the webhook with any signature header, and
 * the proof that a refused delivery changed nothing. Each test class is an {@code @IntegrationTest} of its own
 * behaviour; all share one application context.
 */
abstract class StripeWebhookTestSupport {

    static final String WEBHOOK = StripeEvents.WEBHOOK;

    @Autowired
    MockMvc mvc;

    @Autowired
    Payments payments;

    @Autowired
    JdbcTemplate jdbc;

    final StripeStandIn stripe = StripeStandIn.shared();

    PaymentsTestSupport db() {
        return new PaymentsTestSupport(jdbc);
    }

    /** A started payment whose PaymentIntent has succeeded at Stripe; the shop has not heard yet. */
    record Paid(String reference, String paymentIntentId, ObjectNode intent) {
    }

    Paid paidAtStripe(long amount) {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, amount));
        return new Paid(reference, view.paymentIntentId(), stripe.succeed(view.paymentIntentId()));
    }

    String eventJson(String type, ObjectNode object) {
        return eventJson(type, object, Stripe.API_VERSION);
    }

    String eventJson(String type, ObjectNode object, String apiVersion) {
        return StripeStandIn.json(stripe.event(type, object, apiVersion));
    }

    static String eventId(String payload) {
        return JsonMapper.builder().build().readTree(payload).get("id").asString();
    }

    ResultActions deliver(String payload, String signature) throws Exception {
        return mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature)
                .content(payload));
    }

    int retrievals(String paymentIntentId) {
        return stripe.requests("GET", "/v1/payment_intents/" + paymentIntentId).size();
    }

    void assertNothingChanged(Paid paid, String payload) {
        assertThat(db().status(paid.reference())).isEqualTo("PENDING");
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isZero();
        assertThat(db().webhookEventRows(eventId(payload))).isZero();
    }
}
