package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IdempotencyRecords extends JpaRepository<IdempotencyRecord, UUID> {

    @Query("select r from IdempotencyRecord r where r.scope = :scope and r.ownerId = :owner and r.idempotencyKey = :key")
    Optional<IdempotencyRecord> find(String scope, UUID owner, String key);

    /**
     * Claims a key: 1 when this call inserted the record, 0 when the (scope, owner, key) is taken. IGNORE
     * turns the duplicate into a normal outcome rather than a database error (and a logged one).
     */
    @Modifying
    @Query(value = """
            insert ignore into orders_idempotency_key (id, scope, owner_id, idempotency_key, request_hash, created_at)
            values (:id, :scope, :owner, :key, :hash, :createdAt)""", nativeQuery = true)
    int insertUnlessTaken(UUID id, String scope, UUID owner, String key, String hash, Instant createdAt);

    @Modifying
    @Query("update IdempotencyRecord r set r.resourceId = :resource where r.id = :id and r.resourceId is null and r.completedAt is null")
    int attach(UUID id, UUID resource);

    /** Gives up a claim whose request never wrote anything, unless someone else took it over meanwhile. */
    @Modifying
    @Query("delete from IdempotencyRecord r where r.id = :id and r.createdAt = :createdAt and r.resourceId is null and r.completedAt is null")
    int abandon(UUID id, Instant createdAt);

    @Modifying
    @Query("update IdempotencyRecord r set r.responseStatus = :status, r.responseBody = :body, r.completedAt = :now where r.id = :id and r.completedAt is null")
    int complete(UUID id, int status, String body, Instant now);

    @Modifying
    @Query(value = "delete from orders_idempotency_key where created_at < :cutoff limit 1000", nativeQuery = true)
    int deleteCreatedBefore(Instant cutoff);
}
