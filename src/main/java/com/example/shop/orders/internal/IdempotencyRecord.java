package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One use of an {@code Idempotency-Key} by one caller for one kind of request: the hash of the request
 * it came with, and once it completed, the response to give every repetition. Inserted by
 * {@link IdempotencyLedger#insertUnlessTaken}, read here.
 */
@Entity
@Table(name = "orders_idempotency_key")
class IdempotencyRecord {

    @Id
    private UUID id;

    private String scope;

    private UUID ownerId;

    private String idempotencyKey;

    private String requestHash;

    /** What the first request created (the order), written in the same transaction as that order. */
    private UUID resourceId;

    private Integer responseStatus;

    private String responseBody;

    private Instant createdAt;

    private Instant completedAt;

    protected IdempotencyRecord() {
    }

    UUID id() {
        return id;
    }

    String requestHash() {
        return requestHash;
    }

    UUID resourceId() {
        return resourceId;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean isCompleted() {
        return completedAt != null;
    }

    Integer responseStatus() {
        return responseStatus;
    }

    String responseBody() {
        return responseBody;
    }
}
