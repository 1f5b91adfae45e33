package com.example.shop.payments.internal;

import java.time.Instant;
import java.util.Currency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.lang.Nullable;

import com.example.shop.shared.Money;

/** A refund this system asked Stripe for, under the caller's idempotency key. */
@Entity
@Table(name = "payments_refund")
class RefundRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "refund_id", nullable = false)
    private String refundId;

    @Column(nullable = false, length = 100)
    private String reference;

    @Column(name = "idempotency_key", nullable = false, length = 200)
    private String idempotencyKey;

    @Column(nullable = false)
    private long amount;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false, length = 40)
    private String status;

    @Column(length = 200)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RefundRecord() {
    }

    RefundRecord(String refundId, String reference, String idempotencyKey, Money amount, String status,
            @Nullable String reason, Instant createdAt) {
        this.refundId = refundId;
        this.reference = reference;
        this.idempotencyKey = idempotencyKey;
        this.amount = amount.amount();
        this.currency = amount.currencyCode();
        this.status = status;
        this.reason = reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200);
        this.createdAt = createdAt;
    }

    String refundId() {
        return refundId;
    }

    Money amount() {
        return new Money(amount, Currency.getInstance(currency));
    }

    String status() {
        return status;
    }
}
