package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One use of an {@code Idempotency-Key} by one caller for one kind of request: the hash of the request
 * it came with, and once it completed, the response to give every repetition.
 */
@Entity
@Table(name = "orders_idempotency_key")
class IdempotencyRecord implements Persistable<UUID> {

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

    /**
     * True until stored: the id is assigned here and there is no version, so without this Spring Data's
     * {@code save} would {@code merge} and SELECT the row before inserting it (one more round trip per
     * checkout with an Idempotency-Key).
     */
    @Transient
    private boolean isNew;

    protected IdempotencyRecord() {
    }

    IdempotencyRecord(String scope, UUID ownerId, String key, String requestHash, Instant now) {
        this.isNew = true;
        this.id = UUID.randomUUID();
        this.scope = scope;
        this.ownerId = ownerId;
        this.idempotencyKey = key;
        this.requestHash = requestHash;
        this.createdAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostPersist
    @PostLoad
    void stored() {
        isNew = false;
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
