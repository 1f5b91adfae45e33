package com.example.shop.payments.internal;

import java.time.Instant;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.CompositeType;

import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;
import org.jspecify.annotations.Nullable;

/**
 * One refund of a payment, counted once by Stripe's refund id: one this system asked for under the caller's
 * idempotency key, or one made elsewhere (the dashboard) that Stripe told us about. Before Stripe is asked,
 * the row is a reservation ({@code requested}, no refund id) holding its amount against what is left to
 * refund. Its status follows Stripe's and only moves forward: pending, then succeeded, then (rarely)
 * failed or cancelled; a late, older status changes nothing.
 */
@Entity
@Table(name = "payments_refund")
class RefundRecord {

    static final String REQUESTED = "requested";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "refund_id")
    private String refundId;

    @Column(nullable = false, length = 100)
    private String reference;

    @Column(name = "idempotency_key", length = 200)
    private String idempotencyKey;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "amount", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", nullable = false, length = 3))
    private Money amount;

    @Column(nullable = false, length = 40)
    private String status;

    @Column(length = 200)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RefundRecord() {
    }

    private RefundRecord(@Nullable String refundId, String reference, @Nullable String idempotencyKey, Money amount,
            String status, @Nullable String reason, Instant createdAt) {
        this.refundId = refundId;
        this.reference = reference;
        this.idempotencyKey = idempotencyKey;
        this.amount = amount;
        this.status = status;
        this.reason = reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200);
        this.createdAt = createdAt;
    }

    /** A refund this system is about to ask Stripe for: its amount is held until Stripe answers. */
    static RefundRecord reservation(String reference, String idempotencyKey, Money amount, @Nullable String reason,
            Instant now) {
        return new RefundRecord(null, reference, idempotencyKey, amount, REQUESTED, reason, now);
    }

    /** A refund Stripe reported, under the caller's key when this system asked for it. */
    static RefundRecord of(RefundSnapshot refund, String reference, @Nullable String idempotencyKey, Money amount,
            @Nullable String reason, Instant now) {
        return new RefundRecord(refund.id(), reference, idempotencyKey, amount, refund.status(), reason, now);
    }

    /** What Stripe says about the refund now: the reservation gets its refund id, the status moves forward. */
    void update(RefundSnapshot refund, Money amount) {
        this.refundId = refund.id();
        this.amount = amount;
        if (rank(refund.status()) >= rank(status)) {
            this.status = refund.status();
        }
    }

    /** Not at Stripe yet (or Stripe's answer was lost): only the amount is held. */
    boolean isReservation() {
        return refundId == null;
    }

    /** Forward only: a refund is first pending, then succeeded, and may still fail or be cancelled after that. */
    private static int rank(String status) {
        return switch (status) {
            case REQUESTED -> 0;
            case "succeeded" -> 2;
            case "failed", "canceled" -> 3;
            default -> 1; // pending, requires_action
        };
    }

    @Nullable
    String refundId() {
        return refundId;
    }

    @Nullable
    String idempotencyKey() {
        return idempotencyKey;
    }

    Money amount() {
        return amount;
    }

    String status() {
        return status;
    }
}
