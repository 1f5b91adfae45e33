package com.example.shop.payments.internal;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.example.shop.payments.DisputeClosed;
import com.example.shop.payments.PaymentCancelled;
import com.example.shop.payments.PaymentDisputed;
import com.example.shop.payments.PaymentFailed;
import com.example.shop.payments.PaymentRefunded;
import com.example.shop.payments.PaymentStatus;
import com.example.shop.payments.PaymentSucceeded;
import com.example.shop.payments.RefundFailed;
import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** The transitions of a payment, without Spring: forward only, each fact once. */
class PaymentTests {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    Payment payment = Payment.started("order-1", Money.of(2000, "EUR"), "a@example.com", 1,
            intent("requires_payment_method", 2000, "EUR", null), NOW);

    @Test
    void succeedsOnceAndPublishesOnce() {
        assertThat(payment.apply(intent("succeeded", 2000, "EUR", null), NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.apply(intent("succeeded", 2000, "EUR", null), NOW)).isEqualTo(Outcome.NO_CHANGE);

        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payment.captured()).isEqualTo(Money.of(2000, "EUR"));
        assertThat(payment.pendingEvents()).singleElement().isInstanceOf(PaymentSucceeded.class);
    }

    @Test
    void aLateFailureOrProcessingNeverUndoesSuccess() {
        payment.apply(intent("succeeded", 2000, "EUR", null), NOW);

        assertThat(payment.apply(intent("requires_payment_method", 2000, "EUR", "declined"), NOW))
                .isEqualTo(Outcome.NO_CHANGE);
        assertThat(payment.apply(intent("processing", 2000, "EUR", null), NOW)).isEqualTo(Outcome.NO_CHANGE);
        assertThat(payment.apply(intent("canceled", 2000, "EUR", null), NOW)).isEqualTo(Outcome.NO_CHANGE);
        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void aFailedAttemptCanStillSucceed() {
        assertThat(payment.apply(intent("requires_payment_method", 2000, "EUR", "declined"), NOW))
                .isEqualTo(Outcome.APPLIED);
        assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(payment.apply(intent("processing", 2000, "EUR", null), NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.apply(intent("succeeded", 2000, "EUR", null), NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.pendingEvents()).hasSize(2).first().isInstanceOf(PaymentFailed.class);
    }

    @Test
    void aMismatchingAmountOrCurrencyConfirmsNothing() {
        assertThat(payment.apply(intent("succeeded", 1999, "EUR", null), NOW)).isEqualTo(Outcome.AMOUNT_MISMATCH);
        assertThat(payment.apply(intent("succeeded", 2000, "USD", null), NOW)).isEqualTo(Outcome.AMOUNT_MISMATCH);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.reviewReason()).contains("expected 2000 EUR");
        assertThat(payment.pendingEvents()).isEmpty();
    }

    @Test
    void cancelledIsFinal() {
        assertThat(payment.apply(intent("canceled", 2000, "EUR", null), NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.apply(intent("succeeded", 2000, "EUR", null), NOW)).isEqualTo(Outcome.NO_CHANGE);
        assertThat(payment.status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(payment.pendingEvents()).singleElement().isInstanceOf(PaymentCancelled.class);
    }

    @Test
    void theRefundedTotalFollowsStripeNeverExceedsTheCaptureAndEveryChangeIsPublished() {
        assertThat(payment.refundedTotal(eur(500), eur(0), NOW)).isEqualTo(Outcome.NOT_YET);
        payment.apply(intent("succeeded", 2000, "EUR", null), NOW);

        assertThat(payment.refundedTotal(eur(500), eur(0), NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.refundedTotal(eur(500), eur(0), NOW)).isEqualTo(Outcome.NO_CHANGE);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(payment.refundable()).isEqualTo(eur(1500));
        assertThat(payment.refundedTotal(eur(2500), eur(0), NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.refunded()).isEqualTo(eur(2000));
        assertThat(payment.pendingEvents()).filteredOn(PaymentRefunded.class::isInstance)
                .extracting(event -> ((PaymentRefunded) event).amount().amount()).containsExactly(500L, 1500L);
    }

    @Test
    void aRefundThatFailsAtStripeLowersTheTotalAndIsPublishedWithBothSums() {
        payment.apply(intent("succeeded", 2000, "EUR", null), NOW);
        payment.refundedTotal(eur(2000), eur(0), NOW);

        assertThat(payment.refundedTotal(eur(500), eur(1500), NOW)).isEqualTo(Outcome.REFUND_FAILED);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(payment.refundedTotal(eur(0), eur(2000), NOW)).isEqualTo(Outcome.REFUND_FAILED);
        assertThat(payment.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(payment.refundable()).isEqualTo(eur(2000));
        assertThat(payment.refundedTotal(eur(0), eur(2000), NOW)).isEqualTo(Outcome.NO_CHANGE);

        assertThat(payment.pendingEvents()).filteredOn(RefundFailed.class::isInstance).map(RefundFailed.class::cast)
                .containsExactly(
                        new RefundFailed("order-1", "pi_1", eur(1500), eur(500), eur(1500), NOW),
                        new RefundFailed("order-1", "pi_1", eur(500), eur(0), eur(2000), NOW));
        // refunded again after the failure: the new refund carries what has failed so far
        assertThat(payment.refundedTotal(eur(2000), eur(2000), NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.pendingEvents()).filteredOn(PaymentRefunded.class::isInstance).map(PaymentRefunded.class::cast)
                .last().isEqualTo(new PaymentRefunded("order-1", "pi_1", eur(2000), eur(2000), eur(2000), NOW));
    }

    @Test
    void refundsAndDisputesOfAPaymentHeldForReviewNeedPeople() {
        payment.apply(intent("succeeded", 1999, "EUR", null), NOW); // amount mismatch: held

        assertThat(payment.refundedTotal(eur(500), eur(0), NOW)).isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(payment.disputeOpened("dp_1", Money.of(1999, "EUR"), "needs_response", NOW))
                .isEqualTo(Outcome.NEEDS_REVIEW);
        assertThat(payment.pendingEvents()).isEmpty();
    }

    @Test
    void aDisputeOpensOnceAndClosesOnce() {
        payment.apply(intent("succeeded", 2000, "EUR", null), NOW);

        assertThat(payment.disputeOpened("dp_1", Money.of(2000, "EUR"), "needs_response", NOW))
                .isEqualTo(Outcome.APPLIED);
        assertThat(payment.disputeOpened("dp_1", Money.of(2000, "EUR"), "needs_response", NOW))
                .isEqualTo(Outcome.NO_CHANGE);
        assertThat(payment.disputeClosed("dp_1", Money.of(2000, "EUR"), "won", NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.disputeClosed("dp_1", Money.of(2000, "EUR"), "won", NOW)).isEqualTo(Outcome.NO_CHANGE);
        assertThat(payment.pendingEvents()).filteredOn(e -> e instanceof PaymentDisputed || e instanceof DisputeClosed)
                .hasSize(2);
    }

    @Test
    void aDisputeClosedBeforeItWasSeenOpenedIsRecordedByOneEventAndTheLateOpeningChangesNothing() {
        payment.apply(intent("succeeded", 2000, "EUR", null), NOW);

        assertThat(payment.disputeClosed("dp_1", Money.of(2000, "EUR"), "lost", NOW)).isEqualTo(Outcome.APPLIED);
        assertThat(payment.disputeOpened("dp_1", Money.of(2000, "EUR"), "needs_response", NOW))
                .isEqualTo(Outcome.NO_CHANGE);

        assertThat(payment.disputeStatus()).isEqualTo("lost");
        assertThat(payment.pendingEvents()).filteredOn(e -> e instanceof PaymentDisputed || e instanceof DisputeClosed)
                .singleElement().isInstanceOfSatisfying(DisputeClosed.class, closed -> {
                    assertThat(closed.openingPublished()).isFalse();
                    assertThat(closed.amount()).isEqualTo(Money.of(2000, "EUR"));
                });
    }

    @Test
    void anotherPaymentIntentOfTheReferenceIsSuperseded() {
        IntentSnapshot other = new IntentSnapshot("pi_other", "succeeded", 2000, 2000L, "EUR", null, "order-1", 1,
                null);
        assertThat(payment.apply(other, NOW)).isEqualTo(Outcome.SUPERSEDED);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
    }

    private static Money eur(long minorUnits) {
        return Money.of(minorUnits, "EUR");
    }

    private static IntentSnapshot intent(String status, long amount, String currency, String failure) {
        return new IntentSnapshot("pi_1", status, amount, status.equals("succeeded") ? amount : 0L, currency,
                "pi_1_secret_x", "order-1", 1, failure);
    }
}
