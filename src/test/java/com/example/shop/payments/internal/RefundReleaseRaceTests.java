package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.payments.StartPayment;
import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Latches;
import com.example.shop.testsupport.LockWaits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refund's reservation is released when the call to Stripe fails, but Stripe may have made the refund all
 * the same (the answer timed out) and its webhook may fill the reservation in at that very moment. The two
 * meet on the real database, in the order that used to lose the refund: the webhook has filled the
 * reservation and not committed yet when the release starts.
 */
@IntegrationTest
class RefundReleaseRaceTests {

    @Autowired
    PaymentLedger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReleaseRacingTheWebhookThatFillsTheReservationKeepsTheRefund() throws Exception {
        String reference = UUID.randomUUID().toString();
        String intentId = "pi_race_" + UUID.randomUUID().toString().replace("-", "");
        ledger.store(new StartPayment(reference, Money.of(3000, "EUR"), "race@example.com"), 1,
                intent(intentId, reference, "requires_payment_method"));
        ledger.applyIntent(intent(intentId, reference, "succeeded"), Instant.now());
        ledger.claimRefund(reference, Money.of(1000, "EUR"), "key-1", null);
        RefundSnapshot made = new RefundSnapshot("re_race_" + UUID.randomUUID().toString().replace("-", ""), intentId,
                1000, "EUR", "succeeded", "key-1");

        CountDownLatch filled = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Outcome> webhook = CompletableFuture.supplyAsync(() -> transactions.execute(tx -> {
            Outcome outcome = ledger.applyRefunds(intentId, List.of(made), Instant.now());
            filled.countDown(); // filled in under the payment's lock, not committed yet
            Latches.awaitOpen(commit);
            return outcome;
        }));
        assertThat(filled.await(30, TimeUnit.SECONDS)).isTrue();
        // the caller's Stripe call timed out: it releases the reservation while the webhook holds it
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> ledger.releaseRefund(reference, "key-1"));
        LockWaits.awaitLockWaits(jdbc, 1, "payments_");
        commit.countDown();

        assertThat(webhook.get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.APPLIED);
        release.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForList("select refund_id from payments_refund where reference = ?", String.class,
                reference)).containsExactly(made.id());
        assertThat(ledger.find(reference).orElseThrow().refunded()).isEqualTo(Money.of(1000, "EUR"));
        // and what is left to refund is what Stripe has left, not the released amount on top
        assertThat(ledger.claimRefund(reference, null, "key-2", null).amount()).isEqualTo(Money.of(2000, "EUR"));
    }

    @Test
    void aReleaseWithNoWebhookInBetweenFreesTheReservedAmount() {
        String reference = UUID.randomUUID().toString();
        String intentId = "pi_free_" + UUID.randomUUID().toString().replace("-", "");
        ledger.store(new StartPayment(reference, Money.of(3000, "EUR"), "free@example.com"), 1,
                intent(intentId, reference, "requires_payment_method"));
        ledger.applyIntent(intent(intentId, reference, "succeeded"), Instant.now());
        ledger.claimRefund(reference, Money.of(1000, "EUR"), "key-1", null);

        ledger.releaseRefund(reference, "key-1");

        assertThat(jdbc.queryForObject("select count(*) from payments_refund where reference = ?", Integer.class,
                reference)).isZero();
        assertThat(ledger.claimRefund(reference, null, "key-2", null).amount()).isEqualTo(Money.of(3000, "EUR"));
    }

    private static IntentSnapshot intent(String id, String reference, String status) {
        return new IntentSnapshot(id, status, 3000, status.equals("succeeded") ? 3000L : 0L, "EUR", id + "_secret_x",
                reference, 1, null);
    }
}
