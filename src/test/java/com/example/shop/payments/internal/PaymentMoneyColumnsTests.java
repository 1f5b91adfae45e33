package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A payment's and a refund's amounts through {@code MoneyType} on the real database: the payment's three
 * amounts beside its one currency column, a refund's amount beside its own, and back.
 */
@IntegrationTest
class PaymentMoneyColumnsTests {

    @Autowired
    PaymentRepository payments;

    @Autowired
    RefundRecordRepository refunds;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPaymentsAmountsRoundTripInItsCurrency() {
        // not an order id: orders ignores the events this payment publishes
        String reference = "money-columns-" + UUID.randomUUID();
        String intentId = "pi_money_" + UUID.randomUUID().toString().replace("-", "");
        Payment started = Payment.started(reference, Money.of(4200, "USD"), "money@example.com", 1,
                intent(intentId, reference, "requires_payment_method"), Instant.now());
        transactions.executeWithoutResult(tx -> payments.saveAndFlush(started));
        transactions.executeWithoutResult(tx -> {
            Payment payment = payments.findByReference(reference).orElseThrow();
            assertThat(payment.apply(intent(intentId, reference, "succeeded"), Instant.now())).isEqualTo(Outcome.APPLIED);
            assertThat(payment.refundedTotal(Money.of(1200, "USD"), Money.of(0, "USD"), Instant.now()))
                    .isEqualTo(Outcome.APPLIED);
            payments.saveAndFlush(payment);
        });

        Payment read = payments.findByReference(reference).orElseThrow();
        assertThat(read.amount()).isEqualTo(Money.of(4200, "USD"));
        assertThat(read.captured()).isEqualTo(Money.of(4200, "USD"));
        assertThat(read.refunded()).isEqualTo(Money.of(1200, "USD"));
        assertThat(read.refundable()).isEqualTo(Money.of(3000, "USD"));
        Map<String, Object> row = jdbc.queryForMap(
                "select amount, currency, captured_amount, refunded_amount from payments_payment where reference = ?",
                reference);
        assertThat(row).containsEntry("amount", 4200L).containsEntry("currency", "USD")
                .containsEntry("captured_amount", 4200L).containsEntry("refunded_amount", 1200L);
    }

    @Test
    void aRefundsAmountRoundTripsInItsCurrency() {
        String reference = "money-columns-" + UUID.randomUUID();
        transactions.executeWithoutResult(tx -> refunds.saveAndFlush(
                RefundRecord.reservation(reference, "key-1", Money.of(990, "GBP"), "damaged", Instant.now())));

        RefundRecord read = refunds.findByReferenceAndIdempotencyKey(reference, "key-1").orElseThrow();
        assertThat(read.amount()).isEqualTo(Money.of(990, "GBP"));
        assertThat(refunds.sumReserved(reference, Instant.EPOCH)).isEqualTo(990L);
        assertThat(jdbc.queryForMap("select amount, currency from payments_refund where reference = ?", reference))
                .containsEntry("amount", 990L).containsEntry("currency", "GBP");
    }

    private static IntentSnapshot intent(String id, String reference, String status) {
        return new IntentSnapshot(id, status, 4200, "succeeded".equals(status) ? 4200L : null, "USD",
                id + "_secret", reference, 1, null);
    }
}
