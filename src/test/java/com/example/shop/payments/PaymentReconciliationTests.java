package com.example.shop.payments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.payments.internal.PaymentReconciliation;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** The reconciliation job applies what Stripe says about payments whose webhook never came. */
@IntegrationTest
class PaymentReconciliationTests {

    @Autowired
    Payments payments;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    final StripeStandIn stripe = StripeStandIn.shared();

    PaymentsTestSupport db() {
        return new PaymentsTestSupport(jdbc);
    }

    @Test
    void turnsAStuckPaymentIntoSucceededWhenStripeSaysSo() {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 2300));
        stripe.succeed(view.paymentIntentId()); // paid, but the webhook was lost
        olderThanTheStaleAge(reference);

        reconciliation.reconcile();

        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
        assertThat(db().publications(PaymentSucceeded.class, reference)).isEqualTo(1);
        assertThat(db().payment(reference).get("checked_at")).isNotNull();

        reconciliation.reconcileCreatedBefore(Instant.now().plusSeconds(1)); // again: nothing more happens
        assertThat(db().publications(PaymentSucceeded.class, reference)).isEqualTo(1);
    }

    @Test
    void leavesRecentPaymentsAlone() {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 2300));
        stripe.succeed(view.paymentIntentId());

        reconciliation.reconcile();

        assertThat(db().status(reference)).isEqualTo("PENDING");
        assertThat(stripe.requests("GET", "/v1/payment_intents/" + view.paymentIntentId())).isEmpty();
    }

    @Test
    void aPaymentStillWaitingAtStripeStaysWaitingAndIsNotAskedAboutAgainRightAway() {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 2300));
        olderThanTheStaleAge(reference);

        reconciliation.reconcile();
        reconciliation.reconcile();

        assertThat(db().status(reference)).isEqualTo("PENDING");
        assertThat(stripe.requests("GET", "/v1/payment_intents/" + view.paymentIntentId())).hasSize(1);
    }

    @Test
    void aFailedAttemptIsAppliedAsFailed() {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 900));
        stripe.fail(view.paymentIntentId(), "Your card has insufficient funds.");
        olderThanTheStaleAge(reference);

        reconciliation.reconcile();

        assertThat(db().status(reference)).isEqualTo("FAILED");
        assertThat(db().publications(PaymentFailed.class, reference)).isEqualTo(1);
    }

    @Test
    void paymentsStripeCannotReturnAreCheckedOnceAndDoNotStarveARecoverableOne() {
        // more than a batch (100) of payments whose PaymentIntent Stripe does not return (another account or
        // key mode), all older than the one that can be recovered
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            unknown.add("pi_unknown_" + UUID.randomUUID().toString().replace("-", ""));
        }
        committed.batchUpdate("""
                insert into payments_payment (id, reference, payment_intent_id, attempt, amount, currency,
                  captured_amount, refunded_amount, status, version, created_at, updated_at)
                values (unhex(replace(uuid(), '-', '')), ?, ?, 1, 1000, 'EUR', 0, 0, 'PENDING', 0,
                  date_sub(now(6), interval 2 day), date_sub(now(6), interval 2 day))""",
                unknown.stream().map(id -> new Object[] { PaymentsTestSupport.newReference(), id }).toList());
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 2300));
        stripe.succeed(view.paymentIntentId()); // paid, but the webhook was lost
        olderThanTheStaleAge(reference);

        int runs = 0;
        while (!db().status(reference).equals("SUCCEEDED") && runs < 4) {
            reconciliation.reconcile();
            runs++;
        }

        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
        assertThat(runs).isLessThanOrEqualTo(3);
        for (String id : unknown) {
            assertThat(stripe.requests("GET", "/v1/payment_intents/" + id)).as(id).hasSize(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from payments_payment where payment_intent_id like"
                + " 'pi_unknown_%' and checked_at is null", Integer.class)).isZero();
    }

    @Test
    void whileStripeIsDownNothingChangesAndTheNextRunTriesAgain() {
        String reference = PaymentsTestSupport.newReference();
        PaymentView view = payments.start(PaymentsTestSupport.startOf(reference, 2400));
        stripe.succeed(view.paymentIntentId());
        olderThanTheStaleAge(reference);
        StubMapping down = stripe.server().stubFor(get(urlPathMatching("/v1/payment_intents/.*")).atPriority(1)
                .willReturn(PaymentsTests.stripeError(503, "api_error", null, null, "Service unavailable")));
        try {
            assertThat(reconciliation.reconcile()).isZero();
        } finally {
            stripe.server().removeStub(down);
        }
        assertThat(db().status(reference)).isEqualTo("PENDING");
        assertThat(db().payment(reference).get("checked_at")).isNull();
        assertThat(db().publications(PaymentSucceeded.class, reference)).isZero();

        int runs = 0;
        while (!db().status(reference).equals("SUCCEEDED") && runs < 4) {
            reconciliation.reconcile();
            runs++;
        }
        assertThat(db().status(reference)).isEqualTo("SUCCEEDED");
        assertThat(db().publications(PaymentSucceeded.class, reference)).isEqualTo(1);
    }

    private void olderThanTheStaleAge(String reference) {
        committed.update("update payments_payment set created_at = date_sub(created_at, interval 1 day) where reference = ?",
                reference);
    }
}
