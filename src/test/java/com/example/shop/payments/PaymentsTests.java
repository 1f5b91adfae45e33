package com.example.shop.payments;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The module's API against the Stripe stand-in: what reaches Stripe, and what is stored. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PaymentsTests {

    @Autowired
    Payments payments;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    final StripeStandIn stripe = StripeStandIn.shared();

    PaymentsTestSupport db() {
        return new PaymentsTestSupport(jdbc);
    }

    @Test
    void startCreatesAPaymentIntentWithIdempotencyKeyMetadataAndAutomaticPaymentMethods() {
        String reference = PaymentsTestSupport.newReference();

        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 1999));

        assertThat(view.paymentIntentId()).startsWith("pi_");
        assertThat(view.clientSecret()).startsWith(view.paymentIntentId() + "_secret_");
        assertThat(view.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(view.amount()).isEqualTo(Money.of(1999, "EUR"));
        assertThat(view.publishableKey()).isEqualTo("pk_test_local_stand_in");
        List<LoggedRequest> creates = createsFor(reference);
        assertThat(creates).hasSize(1);
        LoggedRequest create = creates.get(0);
        assertThat(create.getHeader("Idempotency-Key")).isEqualTo("shop-payment:" + reference + ":1");
        assertThat(create.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        String body = decoded(create);
        assertThat(body).contains("amount=1999", "currency=eur", "metadata[order_id]=" + reference,
                "automatic_payment_methods[enabled]=true");
        assertThat(db().status(reference)).isEqualTo("PENDING");
    }

    @Test
    void startingTwiceForOneReferenceGivesOnePaymentIntent() {
        String reference = PaymentsTestSupport.newReference();

        PaymentView first = payments.start(PaymentsTestSupport.startOf(reference, 2500));
        PaymentView second = payments.start(PaymentsTestSupport.startOf(reference, 2500));

        assertThat(second.paymentIntentId()).isEqualTo(first.paymentIntentId());
        assertThat(second.clientSecret()).isEqualTo(first.clientSecret());
        assertThat(stripe.intentsFor(reference)).isEqualTo(1);
        assertThat(db().paymentRows(reference)).isEqualTo(1);
    }

    @Test
    void concurrentStartsForOneReferenceGiveOnePaymentIntent() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        int threads = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<PaymentView>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return payments.start(PaymentsTestSupport.startOf(reference, 700));
                }));
            }
            go.countDown();
            List<String> intentIds = new ArrayList<>();
            for (Future<PaymentView> result : results) {
                intentIds.add(result.get().paymentIntentId());
            }
            assertThat(intentIds).hasSize(threads).containsOnly(intentIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(stripe.intentsFor(reference)).isEqualTo(1);
        assertThat(db().paymentRows(reference)).isEqualTo(1);
    }

    @Test
    void aPaymentIntentCreatedWhoseAnswerWasA500IsTheOneTheRetryGets() {
        String reference = PaymentsTestSupport.newReference();
        // Stripe creates the PaymentIntent, but the answer that reaches the shop is a 500
        stripe.loseResponses("POST", "/v1/payment_intents", reference, 1);

        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 4200));

        List<LoggedRequest> creates = createsFor(reference);
        assertThat(creates).hasSize(2);
        assertThat(creates).extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly("shop-payment:" + reference + ":1");
        assertThat(stripe.intentsFor(reference)).isEqualTo(1); // the first request's, replayed for the retry
        assertThat(stripe.intentJson(view.paymentIntentId()).get("metadata").get("order_id").asString())
                .isEqualTo(reference);
        assertThat(db().paymentRows(reference)).isEqualTo(1);
        assertThat(db().payment(reference).get("payment_intent_id")).isEqualTo(view.paymentIntentId());
    }

    @Test
    void theModuleRefusesToCallStripeInsideACallersTransaction() {
        String reference = PaymentsTestSupport.newReference();
        String paid = PaymentsTestSupport.newReference();
        String paidIntent = succeededPayment(paid, 1500);
        String waiting = PaymentsTestSupport.newReference();
        String waitingIntent = payments.start(PaymentsTestSupport.startOf(waiting, 1500)).paymentIntentId();
        TransactionTemplate callersTransaction = new TransactionTemplate(transactionManager);

        assertThatThrownBy(() -> callersTransaction.executeWithoutResult(
                status -> payments.start(PaymentsTestSupport.startOf(reference, 1000))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never called inside a database transaction");
        assertThatThrownBy(() -> callersTransaction.executeWithoutResult(
                status -> payments.refund(paid, Money.of(500, "EUR"), "inside", null)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> callersTransaction.executeWithoutResult(status -> payments.cancel(waiting)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(createsFor(reference)).isEmpty();
        assertThat(db().paymentRows(reference)).isZero();
        assertThat(refundRequestsFor(paidIntent)).isEmpty();
        assertThat(stripe.requests("POST", "/v1/payment_intents/" + waitingIntent + "/cancel")).isEmpty();
        assertThat(db().status(waiting)).isEqualTo("PENDING");
        // nothing was held either: the refund works outside a transaction
        assertThat(payments.refund(paid, null, "outside", null).amount()).isEqualTo(Money.of(1500, "EUR"));
    }

    @Test
    void stripeDownIsProviderUnavailableAndNothingIsStored() {
        String reference = PaymentsTestSupport.newReference();
        StubMapping down = stripe.server().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing(reference)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"Service unavailable\"}}")));
        try {
            assertThatThrownBy(() -> payments.start(PaymentsTestSupport.startOf(reference, 100)))
                    .isInstanceOf(PaymentProviderUnavailable.class);
            assertThat(createsFor(reference)).hasSize(3); // the first try and two network retries
            assertThat(db().paymentRows(reference)).isZero();
        } finally {
            stripe.server().removeStub(down);
        }
        PaymentView later = payments.start(PaymentsTestSupport.startOf(reference, 100));
        assertThat(later.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(createsFor(reference)).extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly("shop-payment:" + reference + ":1");
    }

    @Test
    void anInvalidRequestIsRejectedAndNotRetried() {
        String reference = PaymentsTestSupport.newReference();
        StubMapping invalid = stripe.server().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing(reference)).atPriority(1)
                .willReturn(stripeError(400, "invalid_request_error", "amount_too_small", null,
                        "Amount must be at least 0.50 eur")));
        try {
            assertThatThrownBy(() -> payments.start(PaymentsTestSupport.startOf(reference, 10)))
                    .isInstanceOfSatisfying(PaymentRejected.class,
                            e -> assertThat(e.code()).isEqualTo("amount_too_small"));
            assertThat(createsFor(reference)).hasSize(1); // a 400 is not retried
            assertThat(db().paymentRows(reference)).isZero();
        } finally {
            stripe.server().removeStub(invalid);
        }
    }

    @Test
    void aDeclinedCardIsRejectedWithItsDeclineCode() {
        String reference = PaymentsTestSupport.newReference();
        StubMapping declined = stripe.server().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing(reference)).atPriority(1)
                .willReturn(stripeError(402, "card_error", "card_declined", "insufficient_funds",
                        "Your card has insufficient funds.")));
        try {
            assertThatThrownBy(() -> payments.start(PaymentsTestSupport.startOf(reference, 1000)))
                    .isInstanceOfSatisfying(PaymentRejected.class, e -> {
                        assertThat(e.code()).isEqualTo("insufficient_funds");
                        assertThat(e.getMessage()).contains("declined", "insufficient funds");
                    });
            assertThat(createsFor(reference)).hasSize(1);
            assertThat(db().paymentRows(reference)).isZero();
        } finally {
            stripe.server().removeStub(declined);
        }
    }

    @Test
    void aRevokedApiKeyIsAConfigurationErrorNotRetriedAndNotCalledTransient(CapturedOutput output) {
        String reference = PaymentsTestSupport.newReference();
        StubMapping revoked = stripe.server().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing(reference)).atPriority(1)
                .willReturn(stripeError(401, "invalid_request_error", null, null,
                        "Invalid API Key provided: sk_test_****_in")));
        try {
            assertThatThrownBy(() -> payments.start(PaymentsTestSupport.startOf(reference, 1000)))
                    .isInstanceOf(PaymentProviderMisconfigured.class)
                    .isInstanceOf(PaymentProviderUnavailable.class); // callers treat it like Stripe being down
            assertThat(createsFor(reference)).hasSize(1);
            assertThat(db().paymentRows(reference)).isZero();
            String logged = logLineAbout(output, reference);
            assertThat(logged).contains("ERROR", "Configuration error", "HTTP 401", "STRIPE_SECRET_KEY")
                    .doesNotContain("try again later");
        } finally {
            stripe.server().removeStub(revoked);
        }
    }

    @Test
    void aKeyWithoutPermissionIsAConfigurationErrorToo(CapturedOutput output) {
        String reference = PaymentsTestSupport.newReference();
        StubMapping restricted = stripe.server().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing(reference)).atPriority(1)
                .willReturn(stripeError(403, "invalid_request_error", null, null,
                        "The provided key 'rk_test_****' does not have the required permissions for this endpoint")));
        try {
            assertThatThrownBy(() -> payments.start(PaymentsTestSupport.startOf(reference, 1000)))
                    .isInstanceOf(PaymentProviderMisconfigured.class);
            assertThat(createsFor(reference)).hasSize(1);
            assertThat(logLineAbout(output, reference)).contains("ERROR", "Configuration error", "HTTP 403");
        } finally {
            stripe.server().removeStub(restricted);
        }
    }

    @Test
    void anIdempotencyKeyReusedWithOtherParametersIsRejectedClearly() {
        String reference = PaymentsTestSupport.newReference();
        StubMapping reused = stripe.server().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withRequestBody(containing(reference)).atPriority(1)
                .willReturn(stripeError(400, "idempotency_error", null, null, "Keys for idempotent requests can"
                        + " only be used with the same parameters they were first used with.")));
        try {
            assertThatThrownBy(() -> payments.start(PaymentsTestSupport.startOf(reference, 1000)))
                    .isInstanceOfSatisfying(PaymentRejected.class, e -> {
                        assertThat(e.code()).isEqualTo("idempotency_key_reused");
                        assertThat(e.getMessage()).contains("same idempotency key", "not carried out");
                    });
            assertThat(createsFor(reference)).hasSize(1);
        } finally {
            stripe.server().removeStub(reused);
        }
    }

    @Test
    void cancelCancelsThePaymentIntentAndANewStartIsANewAttempt() {
        String reference = PaymentsTestSupport.newReference();
        PaymentView first = payments.start(PaymentsTestSupport.startOf(reference, 1500));

        payments.cancel(reference);

        assertThat(payments.find(reference)).get().extracting(PaymentView::status).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(stripe.intentJson(first.paymentIntentId()).get("status").asString()).isEqualTo("canceled");
        assertThat(db().publications(PaymentCancelled.class, reference)).isEqualTo(1);

        payments.cancel(reference); // already cancelled: nothing happens, no second event
        assertThat(db().publications(PaymentCancelled.class, reference)).isEqualTo(1);

        PaymentView second = payments.start(PaymentsTestSupport.startOf(reference, 1500));
        assertThat(second.paymentIntentId()).isNotEqualTo(first.paymentIntentId());
        assertThat(second.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(createsFor(reference)).extracting(request -> request.getHeader("Idempotency-Key"))
                .containsExactly("shop-payment:" + reference + ":1", "shop-payment:" + reference + ":2");
        assertThat(db().paymentRows(reference)).isEqualTo(1);
    }

    @Test
    void cancelOfAPaymentThatSucceededMeanwhileTakesStripesStateAndCancelsNothing() {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 990));
        stripe.succeed(view.paymentIntentId()); // the webhook has not arrived yet

        payments.cancel(reference);

        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
        assertThat(db().publications(PaymentSucceeded.class, reference)).isEqualTo(1);
        assertThat(db().publications(PaymentCancelled.class, reference)).isZero();
    }

    @Test
    void refundBeyondTheRefundableAmountIsRefusedWithoutCallingStripe() {
        String reference = PaymentsTestSupport.newReference();
        succeededPayment(reference, 3000);
        int refundsBefore = stripe.requests("POST", "/v1/refunds").size();

        assertThatThrownBy(() -> payments.refund(reference, Money.of(3001, "EUR"), "too-much", null))
                .isInstanceOf(RefundNotPossible.class)
                .hasMessageContaining("At most 3000 EUR");

        assertThat(stripe.requests("POST", "/v1/refunds")).hasSize(refundsBefore);
    }

    @Test
    void partialThenFullRefundsNeverExceedWhatWasCaptured() {
        String reference = PaymentsTestSupport.newReference();
        succeededPayment(reference, 5000);

        RefundView partial = payments.refund(reference, Money.of(1200, "EUR"), "r1", "requested_by_customer");
        assertThat(partial.amount()).isEqualTo(Money.of(1200, "EUR"));
        assertThat(partial.totalRefunded()).isEqualTo(Money.of(1200, "EUR"));
        assertThat(db().status(reference)).isEqualTo("PARTIALLY_REFUNDED");

        RefundView again = payments.refund(reference, Money.of(1200, "EUR"), "r1", "requested_by_customer");
        assertThat(again.refundId()).isEqualTo(partial.refundId());

        RefundView rest = payments.refund(reference, null, "r2", null);
        assertThat(rest.amount()).isEqualTo(Money.of(3800, "EUR"));
        assertThat(rest.totalRefunded()).isEqualTo(Money.of(5000, "EUR"));
        assertThat(db().status(reference)).isEqualTo("REFUNDED");
        assertThat(db().publications(PaymentRefunded.class, reference)).isEqualTo(2);

        int refundsBefore = stripe.requests("POST", "/v1/refunds").size();
        assertThatThrownBy(() -> payments.refund(reference, null, "r3", null)).isInstanceOf(RefundNotPossible.class);
        assertThat(stripe.requests("POST", "/v1/refunds")).hasSize(refundsBefore);

        LoggedRequest first = stripe.requests("POST", "/v1/refunds").stream()
                .filter(request -> request.getBodyAsString().contains(reference)).findFirst().orElseThrow();
        assertThat(first.getHeader("Idempotency-Key")).isEqualTo("shop-refund:" + reference + ":r1");
        assertThat(decoded(first)).contains("amount=1200", "reason=requested_by_customer");
    }

    @Test
    void aRefundMadeInTheDashboardIsCountedOnceAndTheRestIsTheTrueRest() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        String intentId = succeededPayment(reference, 5000);
        stripe.refundInDashboard(intentId, 500);
        StripeEvents.deliver(mvc, StripeEvents.chargeRefunded(intentId))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("applied"));

        RefundView app = payments.refund(reference, Money.of(1200, "EUR"), "app-1", null);

        assertThat(app.amount()).isEqualTo(Money.of(1200, "EUR"));
        assertThat(app.totalRefunded()).isEqualTo(Money.of(1700, "EUR"));
        assertThat(db().payment(reference).get("refunded_amount")).isEqualTo(1700L);
        // the app refund's own charge.refunded arrives later: nothing new
        StripeEvents.deliver(mvc, StripeEvents.chargeRefunded(intentId)).andExpect(jsonPath("$.outcome").value("no-change"));

        RefundView rest = payments.refund(reference, null, "the-rest", null);

        assertThat(rest.amount()).isEqualTo(Money.of(3300, "EUR"));
        assertThat(rest.totalRefunded()).isEqualTo(Money.of(5000, "EUR"));
        assertThat(db().status(reference)).isEqualTo("REFUNDED");
        assertThat(stripe.chargeJson(intentId).get("amount_refunded").asLong()).isEqualTo(5000);
        assertThat(refundedEvents(reference)).containsExactly(List.of(500L, 500L), List.of(1200L, 1700L),
                List.of(3300L, 5000L));
    }

    @Test
    void aDashboardRefundNotHeardOfYetMakesStripeRefuseTooMuchAsNotPossible() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        String intentId = succeededPayment(reference, 3000);
        stripe.refundInDashboard(intentId, 1000); // its event has not arrived

        assertThatThrownBy(() -> payments.refund(reference, null, "all", null))
                .isInstanceOf(RefundNotPossible.class)
                .hasMessageContaining("Stripe refuses to refund 3000 EUR");

        // the refused refund holds nothing: what is really left can be refunded
        RefundView rest = payments.refund(reference, Money.of(2000, "EUR"), "what-is-left", null);
        assertThat(rest.totalRefunded()).isEqualTo(Money.of(2000, "EUR"));
        StripeEvents.deliver(mvc, StripeEvents.chargeRefunded(intentId)).andExpect(jsonPath("$.outcome").value("applied"));
        assertThat(db().payment(reference).get("refunded_amount")).isEqualTo(3000L);
        assertThat(db().status(reference)).isEqualTo("REFUNDED");
        assertThat(refundedEvents(reference)).containsExactly(List.of(2000L, 2000L), List.of(1000L, 3000L));
    }

    @Test
    void concurrentRefundsThatTogetherExceedWhatIsLeftReachStripeOnce() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        String intentId = succeededPayment(reference, 5000);
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Object> outcomes = new ArrayList<>();
        try {
            List<Future<RefundView>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String key = "concurrent-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return payments.refund(reference, Money.of(3000, "EUR"), key, null);
                }));
            }
            go.countDown();
            for (Future<RefundView> result : results) {
                try {
                    outcomes.add(result.get());
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).filteredOn(RefundView.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(RefundNotPossible.class::isInstance).hasSize(threads - 1);
        assertThat(refundRequestsFor(intentId)).hasSize(1);
        assertThat(stripe.refundsOf(intentId)).hasSize(1);
        assertThat(db().payment(reference).get("refunded_amount")).isEqualTo(3000L);
        assertThat(payments.refund(reference, null, "the-rest", null).amount()).isEqualTo(Money.of(2000, "EUR"));
    }

    @Test
    void concurrentRefundsUnderOneKeyAreOneRefund() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        String intentId = succeededPayment(reference, 5000);
        int threads = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> refundIds = new ArrayList<>();
        try {
            List<Future<RefundView>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return payments.refund(reference, Money.of(1000, "EUR"), "same-key", null);
                }));
            }
            go.countDown();
            for (Future<RefundView> result : results) {
                refundIds.add(result.get().refundId());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(refundIds).hasSize(threads).containsOnly(refundIds.get(0));
        assertThat(stripe.refundsOf(intentId)).hasSize(1);
        assertThat(db().payment(reference).get("refunded_amount")).isEqualTo(1000L);
        assertThat(db().publications(PaymentRefunded.class, reference)).isEqualTo(1);
    }

    @Test
    void aRefundStripeDidNotMakeHoldsNothing() {
        String reference = PaymentsTestSupport.newReference();
        String intentId = succeededPayment(reference, 2500);
        StubMapping down = stripe.server().stubFor(post(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(containing(intentId)).atPriority(1)
                .willReturn(stripeError(503, "api_error", null, null, "Service unavailable")));
        try {
            assertThatThrownBy(() -> payments.refund(reference, Money.of(2500, "EUR"), "first-try", null))
                    .isInstanceOf(PaymentProviderUnavailable.class);
        } finally {
            stripe.server().removeStub(down);
        }

        assertThat(payments.refund(reference, null, "second-try", null).amount()).isEqualTo(Money.of(2500, "EUR"));
        assertThat(db().status(reference)).isEqualTo("REFUNDED");
    }

    @Test
    void aRefundWhoseAnswerWasLostIsTheSameRefundWhenAskedAgainAndAnotherAmountUnderItsKeyIsRefused() {
        String reference = PaymentsTestSupport.newReference();
        String intentId = succeededPayment(reference, 4000);
        stripe.loseResponses("POST", "/v1/refunds", intentId, 3); // Stripe refunds, the answers never arrive

        assertThatThrownBy(() -> payments.refund(reference, Money.of(1000, "EUR"), "k", null))
                .isInstanceOf(PaymentProviderUnavailable.class);
        assertThat(stripe.refundsOf(intentId)).hasSize(1);

        assertThatThrownBy(() -> payments.refund(reference, Money.of(2000, "EUR"), "k", null))
                .isInstanceOfSatisfying(PaymentRejected.class,
                        e -> assertThat(e.code()).isEqualTo("idempotency_key_reused"));
        RefundView again = payments.refund(reference, Money.of(1000, "EUR"), "k", null);

        assertThat(again.refundId()).isEqualTo(stripe.refundsOf(intentId).get(0).get("id").asString());
        assertThat(stripe.refundsOf(intentId)).hasSize(1);
        assertThat(again.totalRefunded()).isEqualTo(Money.of(1000, "EUR"));
    }

    @Test
    void aRefundKeyBeyondStripesLimitIsHashedTheSameWayEveryTime() {
        String reference = ("long-reference-" + PaymentsTestSupport.newReference() + "-".repeat(100)).substring(0, 100);
        String intentId = succeededPayment(reference, 3000);
        String longKey = "k".repeat(200);

        RefundView refund = payments.refund(reference, Money.of(1000, "EUR"), longKey, null);

        List<LoggedRequest> requests = refundRequestsFor(intentId);
        assertThat(requests).hasSize(1);
        String key = requests.get(0).getHeader("Idempotency-Key");
        assertThat(key).startsWith("shop-refund:sha256:").hasSizeLessThanOrEqualTo(255);
        assertThat(refund.totalRefunded()).isEqualTo(Money.of(1000, "EUR"));
        // the same refund asked again under the same key is the same refund
        assertThat(payments.refund(reference, Money.of(1000, "EUR"), longKey, null).refundId())
                .isEqualTo(refund.refundId());
    }

    @Test
    void refundOfAPaymentThatWasNotCapturedIsNotPossible() {
        String reference = PaymentsTestSupport.newReference();
        payments.start(PaymentsTestSupport.startOf(reference, 800));

        assertThatThrownBy(() -> payments.refund(reference, null, "k", null)).isInstanceOf(RefundNotPossible.class);
        assertThatThrownBy(() -> payments.refund("no-such-reference", null, "k", null))
                .isInstanceOf(PaymentNotFound.class);
    }

    @Test
    void theStorefrontGetsThePublishableKeyAndCurrency() throws Exception {
        mvc.perform(get("/api/payments/config"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value("stripe"))
                .andExpect(jsonPath("$.publishableKey").value("pk_test_local_stand_in"))
                .andExpect(jsonPath("$.currency").value("EUR"));
    }

    @Test
    void theEndpointsAreDescribedInTheOpenApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/payments/stripe/webhook'].post").exists())
                .andExpect(jsonPath("$.paths['/api/payments/config'].get").exists());
    }

    /** A payment whose PaymentIntent succeeded, applied the way reconciliation does; its PaymentIntent id. */
    private String succeededPayment(String reference, long amount) {
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, amount));
        stripe.succeed(view.paymentIntentId());
        payments.cancel(reference); // Stripe refuses (succeeded); the real state is applied instead
        Map<String, Object> row = db().payment(reference);
        assertThat(row.get("status")).isEqualTo("SUCCEEDED");
        return view.paymentIntentId();
    }

    private List<LoggedRequest> refundRequestsFor(String paymentIntentId) {
        return stripe.requests("POST", "/v1/refunds").stream()
                .filter(request -> request.getBodyAsString().contains(paymentIntentId)).toList();
    }

    /**
     * The PaymentRefunded events of a reference as [amount, total so far], in the order of their totals (the
     * total only grows here, and publication times may be whole seconds apart or equal on MariaDB 10.x).
     */
    private List<List<Long>> refundedEvents(String reference) {
        JsonMapper json = JsonMapper.builder().build();
        return db().serializedEvents(PaymentRefunded.class, reference).stream().map(json::readTree)
                .map(event -> List.of(event.get("amount").get("amount").asLong(),
                        event.get("totalRefunded").get("amount").asLong()))
                .sorted(java.util.Comparator.comparing(event -> event.get(1)))
                .toList();
    }

    static ResponseDefinitionBuilder stripeError(int status, String type, String code, String declineCode,
            String message) {
        StringBuilder error = new StringBuilder("{\"error\":{\"type\":\"" + type + "\"");
        if (code != null) {
            error.append(",\"code\":\"").append(code).append('"');
        }
        if (declineCode != null) {
            error.append(",\"decline_code\":\"").append(declineCode).append('"');
        }
        error.append(",\"message\":\"").append(message).append("\"}}");
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(error.toString());
    }

    /** The log line the gateway wrote about a call for the reference. */
    private static String logLineAbout(CapturedOutput output, String reference) {
        return output.getAll().lines().filter(line -> line.contains(reference)).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("nothing was logged about " + reference));
    }

    private List<LoggedRequest> createsFor(String reference) {
        return stripe.requests("POST", "/v1/payment_intents").stream()
                .filter(request -> request.getBodyAsString().contains(reference))
                .toList();
    }

    static String decoded(LoggedRequest request) {
        return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
    }
}
