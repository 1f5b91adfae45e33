package com.example.shop.payments;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.payments.internal.PaymentReconciliation;
import com.example.shop.testsupport.IntegrationTest;

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

    private void olderThanTheStaleAge(String reference) {
        jdbc.update("update payments_payment set created_at = date_sub(created_at, interval 1 day) where reference = ?",
                reference);
    }
}
