package com.example.shop.payments;

import com.stripe.Stripe;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.node.ObjectNode;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What Stripe does after a customer pays, for tests of other modules: the stand-in moves the
 * PaymentIntent on, and a signed event about it is posted to the webhook.
 */
public final class StripeEvents {

    public static final String WEBHOOK = "/api/payments/stripe/webhook";

    private StripeEvents() {
    }

    /** The customer paid: the intent succeeds at the stand-in; returns the signed event's payload. */
    public static String paymentSucceeded(String paymentIntentId) {
        return event("payment_intent.succeeded", StripeStandIn.shared().succeed(paymentIntentId));
    }

    /** The succeeded event again (a redelivery has the same payload; a new event a new id). */
    public static String paymentSucceededAgain(String paymentIntentId) {
        return event("payment_intent.succeeded", StripeStandIn.shared().intentJson(paymentIntentId));
    }

    public static String paymentFailed(String paymentIntentId) {
        return event("payment_intent.payment_failed",
                StripeStandIn.shared().fail(paymentIntentId, "Your card was declined."));
    }

    public static String chargeRefunded(String paymentIntentId) {
        return event("charge.refunded", StripeStandIn.shared().chargeJson(paymentIntentId));
    }

    public static String event(String type, ObjectNode object) {
        return StripeStandIn.json(StripeStandIn.shared().event(type, object, Stripe.API_VERSION));
    }

    public static ResultActions deliver(MockMvc mvc, String payload) throws Exception {
        return mvc.perform(post(WEBHOOK).contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", StripeSignatures.header(payload))
                .content(payload));
    }
}
