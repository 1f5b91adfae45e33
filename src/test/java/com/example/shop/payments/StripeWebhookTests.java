package com.example.shop.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.stripe.Stripe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.testsupport.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/payments/stripe/webhook} with payloads built from Stripe's fixtures and signed like
 * Stripe signs them: signatures, duplicates (also concurrent), events out of order, events of another API
 * version, amounts that do not match, PaymentIntents this system never stored.
 */
@IntegrationTest
class StripeWebhookTests {

    static final String WEBHOOK = "/api/payments/stripe/webhook";

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

    // --- signatures -------------------------------------------------------------------------------------

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

    // --- duplicates ------------------------------------------------------------------------------------

    @Test
    void secondDeliveryOfSameEventChangesNothing() throws Exception {
        Paid paid = paidAtStripe(1500);
        String payload = eventJson("payment_intent.succeeded", paid.intent());

        deliver(payload, StripeSignatures.header(payload)).andExpect(jsonPath("$.outcome").value("applied"));
        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("duplicate"));

        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isEqualTo(1);
        assertThat(db().webhookEventRows(eventId(payload))).isEqualTo(1);
    }

    @Test
    void sameSucceededEventDeliveredFiveTimesConcurrentlyPublishesOnce() throws Exception {
        Paid paid = paidAtStripe(2600);
        String payload = eventJson("payment_intent.succeeded", paid.intent());
        int deliveries = 5;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        List<Integer> statuses = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        try {
            List<Future<ResultActions>> results = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return deliver(payload, StripeSignatures.header(payload));
                }));
            }
            go.countDown();
            for (Future<ResultActions> result : results) {
                statuses.add(result.get().andReturn().getResponse().getStatus());
                bodies.add(result.get().andReturn().getResponse().getContentAsString());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnly(200);
        assertThat(bodies).filteredOn(body -> body.contains("\"applied\"")).hasSize(1);
        assertThat(bodies).filteredOn(body -> body.contains("\"duplicate\"")).hasSize(deliveries - 1);
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isEqualTo(1);
        assertThat(db().webhookEventRows(eventId(payload))).isEqualTo(1);
        assertThat(db().status(paid.reference())).isEqualTo("SUCCEEDED");
    }

    // --- order and types -------------------------------------------------------------------------------

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
    void unknownEventTypeIsAcknowledgedAndChangesNothing() throws Exception {
        Paid paid = paidAtStripe(1000);
        String payload = eventJson("payment_intent.amount_capturable_updated", paid.intent());
        String customer = StripeStandIn.json(stripe.event("customer.created",
                tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode()
                        .put("id", "cus_123").put("object", "customer"), Stripe.API_VERSION));

        deliver(payload, StripeSignatures.header(payload))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("ignored-type"));
        deliver(customer, StripeSignatures.header(customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("ignored-type"));

        assertNothingChanged(paid, payload);
    }

    // --- robustness to the payload ----------------------------------------------------------------------

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

    // --- refunds and disputes ----------------------------------------------------------------------------

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

    // --- helpers ---------------------------------------------------------------------------------------

    /** A started payment whose PaymentIntent has succeeded at Stripe; the shop has not heard yet. */
    record Paid(String reference, String paymentIntentId, ObjectNode intent) {
    }

    private Paid paidAtStripe(long amount) {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, amount));
        return new Paid(reference, view.paymentIntentId(), stripe.succeed(view.paymentIntentId()));
    }

    private String eventJson(String type, ObjectNode object) {
        return eventJson(type, object, Stripe.API_VERSION);
    }

    private String eventJson(String type, ObjectNode object, String apiVersion) {
        return StripeStandIn.json(stripe.event(type, object, apiVersion));
    }

    private static String eventId(String payload) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload).get("id").asString();
    }

    private ResultActions deliver(String payload, String signature) throws Exception {
        MockHttpServletRequestBuilder request = post(WEBHOOK).contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature)
                .content(payload);
        return mvc.perform(request);
    }

    private int retrievals(String paymentIntentId) {
        return stripe.requests("GET", "/v1/payment_intents/" + paymentIntentId).size();
    }

    private void assertNothingChanged(Paid paid, String payload) {
        assertThat(db().status(paid.reference())).isEqualTo("PENDING");
        assertThat(db().publications(PaymentSucceeded.class, paid.reference())).isZero();
        assertThat(db().webhookEventRows(eventId(payload))).isZero();
    }
}
