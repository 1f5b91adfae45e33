package com.example.shop.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.payments.PaymentNotFound;
import com.example.shop.payments.PaymentStatus;
import com.example.shop.payments.RefundNotPossible;
import com.example.shop.payments.StartPayment;
import com.example.shop.shared.Money;

/**
 * The database side of payments, not an application service: no use case starts here, {@link PaymentService},
 * {@link StripeWebhookProcessor} and {@link PaymentReconciliation} call it. Every state change of a
 * {@link Payment} goes through here, in a transaction that holds the payment's row lock, whoever asked (a
 * webhook, the reconciliation job, a cancel or a refund). Nothing here talks to Stripe.
 */
@Component
class PaymentLedger {

    private static final Logger log = LoggerFactory.getLogger(PaymentLedger.class);

    /**
     * How long a reservation holds its amount. Stripe answers a refund within a minute even in the worst case
     * (timeouts and retries); an older reservation belongs to a process that stopped in between, and the
     * refund, if Stripe made it, is learned from Stripe's events.
     */
    static final Duration RESERVATIONS_HELD_FOR = Duration.ofMinutes(10);

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
     * wins unless it is a cancelled earlier attempt.
     */
    @Transactional
    public Payment store(StartPayment request, int attempt, IntentSnapshot intent) {
        return store(request, attempt, intent, false);
    }

    /**
     * {@link #store(StartPayment, int, IntentSnapshot)}, told whether the caller's lookup just before the Stripe call
     * found no payment for the reference: then it inserts straight away (one read fewer per checkout). A payment
     * stored meanwhile by a concurrent start or a webhook meets the reference's unique constraint, and the caller
     * stores again without the hint, which finds and returns it.
     */
    @Transactional
    public Payment store(StartPayment request, int attempt, IntentSnapshot intent, boolean noneBefore) {
        if (noneBefore) {
            return payments.saveAndFlush(Payment.started(request.reference(), request.amount(),
                    request.customerEmail(), attempt, intent, Instant.now()));
        }
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
        if (!payment.paymentIntentId().equals(intent.id()) && payment.status() == PaymentStatus.CANCELLED) {
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
                if (payment.status() != PaymentStatus.CANCELLED || intent.attempt() <= payment.attempt()) {
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

    /** Reconciliation asked Stripe about the PaymentIntent and got no answer it can use: checked all the same. */
    @Transactional
    public void checkedWithoutAnswer(String paymentIntentId, Instant at) {
        payments.lockByPaymentIntentId(paymentIntentId).ifPresent(payment -> payment.checked(at));
    }

    /**
     * Refunds Stripe reported for a PaymentIntent (one from a {@code refund.*} event, or all of them listed for
     * a {@code charge.refunded}): each is recorded once by its id, and the payment's refunded total becomes
     * the sum of those Stripe has not failed or cancelled.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome applyRefunds(String paymentIntentId, List<RefundSnapshot> reported, Instant at) {
        Optional<Payment> found = payments.lockByPaymentIntentId(paymentIntentId);
        if (found.isEmpty()) {
            return Outcome.NOT_YET;
        }
        Payment payment = found.get();
        Outcome notCaptured = payment.notCaptured("a refund");
        if (notCaptured != null) {
            return notCaptured;
        }
        for (RefundSnapshot refund : reported) {
            record(payment, refund.shopKey(), refund, null);
        }
        return save(payment, payment.refundedTotal(refundedSoFar(payment), failedSoFar(payment), at));
    }

    @Transactional(readOnly = true)
    public Optional<Payment> findByPaymentIntentId(String paymentIntentId) {
        return payments.findByPaymentIntentId(paymentIntentId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome applyDispute(String paymentIntentId, String disputeId, Money amount, String disputeStatus,
            boolean closed, Instant at) {
        return payments.lockByPaymentIntentId(paymentIntentId)
                .map(payment -> save(payment, closed ? payment.disputeClosed(disputeId, amount, disputeStatus, at)
                        : payment.disputeOpened(disputeId, amount, disputeStatus, at)))
                .orElse(Outcome.NOT_YET);
    }

    /**
     * The first half of a refund, under the payment's row lock: the same key again finds its earlier refund;
     * otherwise the amount is checked against what is left (captured, minus refunded, minus what refunds in
     * flight hold) and reserved, so a concurrent refund sees it before either asks Stripe.
     *
     * @throws RefundNotPossible when nothing, or less than asked, is left to refund
     */
    @Transactional
    public RefundClaim claimRefund(String reference, @Nullable Money amount, String idempotencyKey,
            @Nullable String reason) {
        Payment payment = payments.lockByReference(reference).orElseThrow(() -> new PaymentNotFound(reference));
        Optional<RefundRecord> earlier = refunds.findByReferenceAndIdempotencyKey(reference, idempotencyKey);
        if (earlier.isPresent()) {
            return new RefundClaim(payment.paymentIntentId(), earlier.get().amount(), earlier.get(), payment.refunded());
        }
        if (!payment.status().isCaptured()) {
            throw new RefundNotPossible("Payment " + reference + " has not been captured (it is "
                    + payment.status() + "); there is nothing to refund.");
        }
        Money reserved = new Money(refunds.sumReserved(reference, Instant.now().minus(RESERVATIONS_HELD_FOR)),
                payment.amount().currency());
        Money refundable = reserved.isGreaterThan(payment.refundable()) ? Money.zero(reserved.currency())
                : payment.refundable().minus(reserved);
        Money requested = amount == null ? refundable : amount;
        if (!requested.currency().equals(refundable.currency())) {
            throw new RefundNotPossible("Payment " + reference + " is in " + refundable.currencyCode()
                    + ", not " + requested.currencyCode() + ".");
        }
        if (refundable.isZero() || requested.isZero() || requested.isGreaterThan(refundable)) {
            throw new RefundNotPossible("At most " + refundable + " of payment " + reference
                    + " can still be refunded (captured " + payment.captured() + ", refunded " + payment.refunded()
                    + (reserved.isZero() ? "" : ", being refunded " + reserved) + "); " + requested + " was asked.");
        }
        refunds.saveAndFlush(RefundRecord.reservation(reference, idempotencyKey, requested, reason, Instant.now()));
        return new RefundClaim(payment.paymentIntentId(), requested, null, payment.refunded());
    }

    /** Stripe made the refund: the reservation becomes it, and the payment's refunded total follows. */
    @Transactional
    public Payment confirmRefund(String reference, String idempotencyKey, RefundSnapshot refund,
            @Nullable String reason) {
        Payment payment = payments.lockByReference(reference).orElseThrow(() -> new PaymentNotFound(reference));
        record(payment, idempotencyKey, refund, reason);
        save(payment, payment.refundedTotal(refundedSoFar(payment), failedSoFar(payment), Instant.now()));
        return payment;
    }

    /**
     * Stripe did not make the refund (or its answer was lost): the reserved amount is free again. Under the
     * payment's row lock, and only while the reservation is still unfilled: a webhook that heard of the refund
     * meanwhile (Stripe made it after all, and the webhook fills the reservation under the same lock) keeps it.
     */
    @Transactional
    public void releaseRefund(String reference, String idempotencyKey) {
        payments.lockByReference(reference);
        if (refunds.deleteReservation(reference, idempotencyKey) == 0) {
            log.info("Refund {} of payment {} is no longer a reservation (Stripe reported it meanwhile): kept",
                    idempotencyKey, reference);
        }
    }

    /**
     * Records what Stripe says about one refund, once per refund id: it fulfils the reservation made under
     * the same key (this system's refund, whichever of the caller or a webhook hears of it first), updates
     * the refund already known, or adds one made elsewhere.
     */
    private void record(Payment payment, @Nullable String idempotencyKey, RefundSnapshot refund,
            @Nullable String reason) {
        Money amount = new Money(refund.amount(), payment.amount().currency());
        Optional<RefundRecord> known = refunds.findByRefundId(refund.id());
        Optional<RefundRecord> reservation = idempotencyKey == null ? Optional.empty()
                : refunds.findByReferenceAndIdempotencyKey(payment.reference(), idempotencyKey)
                        .filter(RefundRecord::isReservation);
        if (known.isPresent() && reservation.isPresent()) {
            // learned without its key before the caller recorded it: keep one row, the caller's
            refunds.delete(known.get());
            refunds.flush();
            known = Optional.empty();
        }
        if (known.isPresent()) {
            known.get().update(refund, amount);
        } else if (reservation.isPresent()) {
            reservation.get().update(refund, amount);
        } else {
            boolean keyFree = idempotencyKey != null
                    && refunds.findByReferenceAndIdempotencyKey(payment.reference(), idempotencyKey).isEmpty();
            refunds.save(RefundRecord.of(refund, payment.reference(), keyFree ? idempotencyKey : null, amount,
                    reason, Instant.now()));
        }
        refunds.flush();
    }

    private Money refundedSoFar(Payment payment) {
        return new Money(refunds.sumRefunded(payment.reference()), payment.amount().currency());
    }

    private Money failedSoFar(Payment payment) {
        return new Money(refunds.sumFailed(payment.reference()), payment.amount().currency());
    }

    private Outcome save(Payment payment, Outcome outcome) {
        payments.save(payment);
        return outcome;
    }
}
