package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The rarer reads and writes of {@code orders_idempotency_key}: a repetition's read, the take-over of a dead claim
 * and the purge. What every request sends (claim, attach, complete) is {@link IdempotencyLedger}'s.
 */
interface IdempotencyRecords extends JpaRepository<IdempotencyRecord, UUID> {

    @Query("select r from IdempotencyRecord r where r.scope = :scope and r.ownerId = :owner and r.idempotencyKey = :key")
    Optional<IdempotencyRecord> find(String scope, UUID owner, String key);

    /** Gives up a claim whose request never wrote anything, unless someone else took it over meanwhile. */
    @Modifying
    @Query("delete from IdempotencyRecord r where r.id = :id and r.createdAt = :createdAt and r.resourceId is null and r.completedAt is null")
    int abandon(UUID id, Instant createdAt);

    @Modifying
    @Query(value = "delete from orders_idempotency_key where created_at < :cutoff limit 1000", nativeQuery = true)
    int deleteCreatedBefore(Instant cutoff);
}
