package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.payments.PaymentStatus;
import com.example.shop.payments.StartPayment;
import com.example.shop.shared.Money;

/**
 * The database side of payments: every state change of a {@link Payment} goes through here, in a
 * transaction that holds the payment's row lock, whoever asked (a webhook, the reconciliation job, a
 * cancel or a refund). Nothing here talks to Stripe.
 */
@Component
class PaymentLedger {

    private static final Logger log = LoggerFactory.getLogger(PaymentLedger.class);

    private final PaymentRepository payments;
    private final RefundRecordRepository refunds;

    PaymentLedger(PaymentRepository payments, RefundRecordRepository refunds) {
        this.payments = payments;
        this.refunds = refunds;
    }

    @Transactional(readOnly = true)
    public Optional<Payment> find(String reference) {
        return payments.findByReference(reference);
    }

    /** Whether a payment here has this PaymentIntent (read outside any transaction, before asking Stripe). */
    @Transactional(readOnly = true)
    public boolean hasPayment(String paymentIntentId) {
        return payments.existsByPaymentIntentId(paymentIntentId);
    }

    /**
     * Stores the PaymentIntent just created for a request. Whatever is already stored for the reference
     * wins unless it is a canceled earlier attempt.
     */
    @Transactional
    public Payment store(StartPayment request, int attempt, IntentSnapshot intent) {
        // Lock only a row that exists: a locking read of a missing row takes a gap lock, and two
        // concurrent starters holding gap locks deadlock on their inserts. Concurrent inserts of the same
        // reference simply meet the unique constraint instead.
        Optional<Payment> existing = payments.findByReference(request.reference()).isPresent()
                ? payments.lockByReference(request.reference())
                : Optional.empty();
        if (existing.isEmpty()) {
            return payments.saveAndFlush(Payment.started(request.reference(), request.amount(),
                    request.customerEmail(), attempt, intent, Instant.now()));
        }
        Payment payment = existing.get();
        if (!payment.paymentIntentId().equals(intent.id()) && payment.status() == PaymentStatus.CANCELED) {
            payment.restart(intent, attempt, request.amount(), Instant.now());
            return payments.save(payment);
        }
        return payment;
    }

    /** Applies what Stripe says about a PaymentIntent; the caller's transaction, or a new one. */
    @Transactional
    public Outcome applyIntent(IntentSnapshot intent, Instant at) {
        Optional<Payment> found = payments.lockByPaymentIntentId(intent.id());
        Payment payment;
        if (found.isPresent()) {
            payment = found.get();
        } else {
            if (intent.reference() == null) {
                log.info("PaymentIntent {} has no metadata.{}: not a payment of this shop", intent.id(),
                        IntentSnapshot.REFERENCE_KEY);
                return Outcome.FOREIGN;
            }
            Optional<Payment> ofReference = payments.lockByReference(intent.reference());
            if (ofReference.isPresent()) {
                payment = ofReference.get();
                if (payment.status() != PaymentStatus.CANCELED || intent.attempt() <= payment.attempt()) {
                    log.info("PaymentIntent {} is an earlier attempt of {}: ignored", intent.id(),
                            intent.reference());
                    return Outcome.SUPERSEDED;
                }
                log.warn("PaymentIntent {} (attempt {}) of {} was never stored: adopting it as the new attempt",
                        intent.id(), intent.attempt(), intent.reference());
                payment.restart(intent, intent.attempt(), new Money(intent.amount(), Money.currency(intent.currency())),
                        at);
            } else {
                log.warn("PaymentIntent {} of {} was never stored (its creation was not recorded): adopting it",
                        intent.id(), intent.reference());
                payment = Payment.adopted(intent, at);
            }
        }
        Outcome outcome = payment.apply(intent, at);
        payments.save(payment);
        return outcome;
    }

    /** Reconciliation: applies the retrieved state and notes that the payment was checked. */
    @Transactional
    public Outcome reconcile(IntentSnapshot intent, Instant at) {
        payments.lockByPaymentIntentId(intent.id()).ifPresent(payment -> payment.checked(at));
        return applyIntent(intent, at);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome applyRefundedTotal(String paymentIntentId, Money total, Instant at) {
        return payments.lockByPaymentIntentId(paymentIntentId)
                .map(payment -> save(payment, payment.refundedTotal(total, at)))
                .orElse(Outcome.NOT_YET);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome applyDispute(String paymentIntentId, String disputeId, Money amount, String disputeStatus,
            boolean closed, Instant at) {
        return payments.lockByPaymentIntentId(paymentIntentId)
                .map(payment -> save(payment, closed ? payment.disputeClosed(disputeId, disputeStatus, at)
                        : payment.disputeOpened(disputeId, amount, disputeStatus, at)))
                .orElse(Outcome.NOT_YET);
    }

    /**
     * Records a refund Stripe accepted and raises the payment's refunded total to at least what this
     * system has refunded (a {@code charge.refunded} event may already have counted it, or count it later).
     */
    @Transactional
    public Payment recordRefund(String reference, String idempotencyKey, String refundId, Money amount,
            String status, String reason) {
        Payment payment = payments.lockByReference(reference).orElseThrow();
        if (refunds.findByRefundId(refundId).isEmpty()) {
            refunds.saveAndFlush(new RefundRecord(refundId, reference, idempotencyKey, amount, status, reason,
                    Instant.now()));
        }
        Money total = new Money(refunds.sumRefunded(reference), payment.amount().currency());
        save(payment, payment.refundedTotal(total, Instant.now()));
        return payment;
    }

    @Transactional(readOnly = true)
    public Optional<RefundRecord> findRefund(String reference, String idempotencyKey) {
        return refunds.findByReferenceAndIdempotencyKey(reference, idempotencyKey);
    }

    private Outcome save(Payment payment, Outcome outcome) {
        payments.save(payment);
        return outcome;
    }
}
