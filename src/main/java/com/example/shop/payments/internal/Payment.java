package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CompositeType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.domain.Persistable;

import com.example.shop.payments.DisputeClosed;
import com.example.shop.payments.PaymentCancelled;
import com.example.shop.payments.PaymentDisputed;
import com.example.shop.payments.PaymentFailed;
import com.example.shop.payments.PaymentRefunded;
import com.example.shop.payments.PaymentStatus;
import com.example.shop.payments.PaymentSucceeded;
import com.example.shop.payments.RefundFailed;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/**
 * The payment of one reference: its current Stripe PaymentIntent and what Stripe has told us about it.
 * <p>
 * Every transition guards itself: {@code SUCCEEDED} is never undone by a late failure, {@code CANCELLED} is
 * final, and the refunded total is the sum of Stripe's refunds counted once each (it only goes down when
 * Stripe reports a refund failed), so applying the same fact twice, or an old fact after a newer one, changes
 * nothing. Before success, {@code FAILED} and {@code PROCESSING} may alternate: each is a new attempt to pay
 * the same PaymentIntent, as in Stripe's own lifecycle. A transition that changes something
 * registers the matching event, published when the payment is saved.
 */
@Entity
@Table(name = "payments_payment")
class Payment extends AbstractAggregateRoot<Payment> implements Persistable<UUID> {

    private static final Logger log = LoggerFactory.getLogger(Payment.class);
    private static final Set<String> CLOSED_DISPUTE_STATES = Set.of("won", "lost", "warning_closed", "prevented");

    @Id
    private UUID id;

    @Column(nullable = false, length = 100)
    private String reference;

    @Column(name = "payment_intent_id", nullable = false)
    private String paymentIntentId;

    @Column(name = "client_secret")
    private String clientSecret;

    @Column(nullable = false)
    private int attempt;

    @Column(name = "customer_email", length = 320)
    private String customerEmail;

    /*
     * A payment is in one currency: the table keeps one currency column. The amount asked for writes it; what
     * was captured and what was refunded map the same column read-only and always have its currency.
     */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "amount", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", nullable = false, length = 3))
    private Money amount;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "captured_amount", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money captured;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "refunded_amount", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", insertable = false, updatable = false))
    private Money refunded;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private PaymentStatus status;

    @Column(name = "failure_reason", length = 500)
    private String failureReason;

    @Column(name = "review_reason", length = 500)
    private String reviewReason;

    @Column(name = "dispute_id")
    private String disputeId;

    @Column(name = "dispute_status", length = 40)
    private String disputeStatus;

    @Version
    private Long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "checked_at")
    private Instant checkedAt;

    protected Payment() {
    }

    @Override
    public UUID getId() {
        return id;
    }

    /**
     * New until stored: the version is null only then. Said here because Spring Data would otherwise read the
     * version through a getter that does not exist, and reach the field only after building an exception with its
     * stack trace, on every save.
     */
    @Override
    public boolean isNew() {
        return version == null;
    }

    private Payment(String reference, Money amount, @Nullable String customerEmail, int attempt,
            IntentSnapshot intent, Instant now) {
        this.id = UUID.randomUUID();
        this.reference = reference;
        this.amount = amount;
        this.captured = Money.zero(amount.currency());
        this.refunded = Money.zero(amount.currency());
        this.customerEmail = customerEmail;
        this.status = PaymentStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
        attachIntent(intent, attempt);
    }

    /** A payment for a PaymentIntent this system just created. */
    static Payment started(String reference, Money amount, @Nullable String customerEmail, int attempt,
            IntentSnapshot intent, Instant now) {
        return new Payment(reference, amount, customerEmail, attempt, intent, now);
    }

    /**
     * A payment rebuilt from a PaymentIntent Stripe told us about but that was never stored here (the store
     * after creating it failed): the PaymentIntent carries the reference and its attempt in its metadata.
     */
    static Payment adopted(IntentSnapshot intent, Instant now) {
        return new Payment(intent.reference(), new Money(intent.amount(), Money.currency(intent.currency())), null,
                intent.attempt(), intent, now);
    }

    /** A new attempt for a reference whose previous PaymentIntent was cancelled. */
    void restart(IntentSnapshot intent, int attempt, Money amount, Instant now) {
        if (status != PaymentStatus.CANCELLED) {
            throw new IllegalStateException("only a cancelled payment starts again, not a " + status + " one");
        }
        this.amount = amount;
        this.status = PaymentStatus.PENDING;
        this.captured = Money.zero(amount.currency());
        this.refunded = Money.zero(amount.currency());
        this.failureReason = null;
        this.reviewReason = null;
        this.disputeId = null;
        this.disputeStatus = null;
        this.checkedAt = null;
        this.createdAt = now;
        attachIntent(intent, attempt);
        touch();
    }

    private void attachIntent(IntentSnapshot intent, int attempt) {
        this.paymentIntentId = intent.id();
        this.clientSecret = intent.clientSecret();
        this.attempt = attempt;
    }

    /** Applies the state Stripe reports for the PaymentIntent (from a webhook, a retrieval or a cancel). */
    Outcome apply(IntentSnapshot intent, Instant at) {
        if (!intent.id().equals(paymentIntentId)) {
            return Outcome.SUPERSEDED;
        }
        return switch (intent.status()) {
            case "succeeded" -> succeed(intent, at);
            case "canceled" -> cancel(at);
            case "processing" -> process(at);
            case "requires_payment_method" -> intent.failureReason() != null ? fail(intent.failureReason(), at)
                    : Outcome.NO_CHANGE;
            default -> Outcome.NO_CHANGE;
        };
    }

    private Outcome succeed(IntentSnapshot intent, Instant at) {
        if (status.isCaptured()) {
            return Outcome.NO_CHANGE;
        }
        if (status == PaymentStatus.CANCELLED) {
            log.error("PaymentIntent {} of {} reported succeeded after it was cancelled", paymentIntentId, reference);
            return Outcome.NO_CHANGE;
        }
        long received = intent.captured();
        if (received != amount.amount() || !amount.currencyCode().equals(intent.currency())) {
            reviewReason = "Stripe reports " + received + " " + intent.currency() + ", expected " + amount;
            log.error("Amount mismatch for payment {} (PaymentIntent {}): {}; not confirmed", reference,
                    paymentIntentId, reviewReason);
            touch();
            return Outcome.AMOUNT_MISMATCH;
        }
        status = PaymentStatus.SUCCEEDED;
        captured = money(received);
        failureReason = null;
        touch();
        registerEvent(new PaymentSucceeded(reference, paymentIntentId, money(received), at));
        return Outcome.APPLIED;
    }

    private Outcome fail(String reason, Instant at) {
        if (status != PaymentStatus.PENDING && status != PaymentStatus.PROCESSING) {
            return Outcome.NO_CHANGE;
        }
        status = PaymentStatus.FAILED;
        failureReason = reason;
        touch();
        registerEvent(new PaymentFailed(reference, paymentIntentId, reason, at));
        return Outcome.APPLIED;
    }

    private Outcome process(Instant at) {
        if (status != PaymentStatus.PENDING && status != PaymentStatus.FAILED) {
            return Outcome.NO_CHANGE;
        }
        status = PaymentStatus.PROCESSING;
        touch();
        return Outcome.APPLIED;
    }

    private Outcome cancel(Instant at) {
        if (status.isFinal()) {
            return Outcome.NO_CHANGE;
        }
        status = PaymentStatus.CANCELLED;
        touch();
        registerEvent(new PaymentCancelled(reference, paymentIntentId, at));
        return Outcome.APPLIED;
    }

    /**
     * What Stripe's refunds of this payment add up to now, each counted once: {@code total} of those that stand,
     * {@code failed} of those Stripe accepted and then failed or cancelled. A larger total publishes the
     * difference ({@code PaymentRefunded}: refunded this time, and in total); a smaller one means a refund
     * failed or was cancelled at Stripe and publishes {@code RefundFailed} (the difference did not go back to
     * the customer). Both events carry both sums, so a listener can tell a newer report from a late one.
     */
    Outcome refundedTotal(Money total, Money failed, Instant at) {
        Outcome notCaptured = notCaptured("a refund");
        if (notCaptured != null) {
            return notCaptured;
        }
        if (!amount.currency().equals(total.currency())) {
            log.error("Refund of payment {} reported in {}, payment is in {}", reference, total.currencyCode(),
                    amount.currencyCode());
            return Outcome.AMOUNT_MISMATCH;
        }
        long newTotal = Math.min(total.amount(), captured.amount());
        long before = refunded.amount();
        if (newTotal == before) {
            return Outcome.NO_CHANGE;
        }
        refunded = money(newTotal);
        status = newTotal == 0 ? PaymentStatus.SUCCEEDED
                : newTotal >= captured.amount() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        touch();
        if (newTotal < before) {
            log.warn("Refunds of payment {} (PaymentIntent {}) now add up to {} {}, down from {}: a refund failed or"
                    + " was cancelled at Stripe", reference, paymentIntentId, newTotal, amount.currencyCode(), before);
            registerEvent(new RefundFailed(reference, paymentIntentId, money(before - newTotal), money(newTotal),
                    failed, at));
            return Outcome.REFUND_FAILED;
        }
        registerEvent(new PaymentRefunded(reference, paymentIntentId, money(newTotal - before), money(newTotal), failed,
                at));
        return Outcome.APPLIED;
    }

    Outcome disputeOpened(String dispute, Money disputed, String disputeState, Instant at) {
        Outcome notCaptured = notCaptured("a dispute");
        if (notCaptured != null) {
            return notCaptured;
        }
        if (dispute.equals(disputeId)) {
            return Outcome.NO_CHANGE;
        }
        disputeId = dispute;
        disputeStatus = disputeState;
        touch();
        registerEvent(new PaymentDisputed(reference, paymentIntentId, dispute, disputed, at));
        return Outcome.APPLIED;
    }

    /**
     * A dispute ended. When its opening was never seen (Stripe's events arrived the other way round), the
     * one {@code DisputeClosed} records both, and the late opening changes nothing.
     */
    Outcome disputeClosed(String dispute, Money disputed, String finalState, Instant at) {
        Outcome notCaptured = notCaptured("a closed dispute");
        if (notCaptured != null) {
            return notCaptured;
        }
        boolean openingPublished = dispute.equals(disputeId);
        if (openingPublished && disputeStatus != null && CLOSED_DISPUTE_STATES.contains(disputeStatus)) {
            return Outcome.NO_CHANGE;
        }
        if (!openingPublished) {
            log.info("Dispute {} of payment {} closed ({}) before its opening arrived: recorded as opened and closed",
                    dispute, reference, finalState);
        }
        disputeId = dispute;
        disputeStatus = finalState;
        touch();
        registerEvent(new DisputeClosed(reference, paymentIntentId, dispute, disputed, finalState, openingPublished,
                at));
        return Outcome.APPLIED;
    }

    /**
     * Why a fact about captured money (a refund, a dispute) does not apply to this payment now, or
     * {@code null} when it does. A payment still waiting for its success gets it later ({@code NOT_YET}: the
     * success event, or reconciliation, comes first); one held for review or cancelled never will by itself.
     */
    @Nullable
    Outcome notCaptured(String fact) {
        if (status.isCaptured()) {
            return null;
        }
        if (reviewReason == null && status != PaymentStatus.CANCELLED) {
            return Outcome.NOT_YET;
        }
        log.error("Stripe reports {} for payment {} (PaymentIntent {}), which is {}{}: not applied, needs review",
                fact, reference, paymentIntentId, status,
                reviewReason == null ? "" : " and held for review (" + reviewReason + ")");
        return Outcome.NEEDS_REVIEW;
    }

    /** Events registered and not yet published (they go out when the payment is saved). */
    java.util.Collection<Object> pendingEvents() {
        return domainEvents();
    }

    /** Reconciliation asked Stripe about this payment now. */
    void checked(Instant at) {
        checkedAt = at;
    }

    private void touch() {
        updatedAt = Instant.now();
    }

    /** An amount in this payment's currency. */
    private Money money(long minorUnits) {
        return new Money(minorUnits, amount.currency());
    }

    String reference() {
        return reference;
    }

    String paymentIntentId() {
        return paymentIntentId;
    }

    String clientSecret() {
        return clientSecret;
    }

    int attempt() {
        return attempt;
    }

    PaymentStatus status() {
        return status;
    }

    Money amount() {
        return amount;
    }

    Money captured() {
        return captured;
    }

    Money refunded() {
        return refunded;
    }

    /** What can still be refunded: captured minus already refunded. */
    Money refundable() {
        return money(Math.max(0, captured.amount() - refunded.amount()));
    }

    @Nullable
    String reviewReason() {
        return reviewReason;
    }

    @Nullable
    String disputeStatus() {
        return disputeStatus;
    }
}
