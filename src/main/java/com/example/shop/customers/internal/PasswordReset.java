package com.example.shop.customers.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A pending password reset: single use, time-limited; only the SHA-256 hash of its token is stored. */
@Entity
@Table(name = "customers_password_reset")
class PasswordReset {

    @Id
    private UUID id;

    @Column(name = "customer_id")
    private UUID customerId;

    @Column(name = "token_hash", length = 64)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Version
    private Long version;

    protected PasswordReset() {
    }

    static PasswordReset start(UUID customerId, String tokenHash, Instant now, Instant expiresAt) {
        PasswordReset reset = new PasswordReset();
        reset.id = UUID.randomUUID();
        reset.customerId = customerId;
        reset.tokenHash = tokenHash;
        reset.createdAt = now;
        reset.expiresAt = expiresAt;
        return reset;
    }

    UUID customerId() {
        return customerId;
    }
}
