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

/**
 * One refresh token of a login session ("family"). Only the SHA-256 hash of the opaque value is kept.
 * A token is used at most once ({@link RefreshTokenRepository#useIfFresh}): refreshing uses it up and
 * issues its successor in the same family.
 */
@Entity
@Table(name = "customers_refresh_token")
class RefreshToken {

    @Id
    private UUID id;

    @Column(name = "customer_id")
    private UUID customerId;

    @Column(name = "family_id")
    private UUID familyId;

    @Column(name = "token_hash", length = 64)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String tokenHash;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Version
    private Long version;

    protected RefreshToken() {
    }

    static RefreshToken issue(UUID customerId, UUID familyId, String tokenHash, Instant now, Instant expiresAt) {
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.customerId = customerId;
        token.familyId = familyId;
        token.tokenHash = tokenHash;
        token.issuedAt = now;
        token.expiresAt = expiresAt;
        return token;
    }

    boolean wasUsedOrRevoked() {
        return usedAt != null || revokedAt != null;
    }

    UUID customerId() {
        return customerId;
    }

    UUID familyId() {
        return familyId;
    }
}
