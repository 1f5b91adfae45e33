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

    @Modifying
    @Query(value = "delete from orders_idempotency_key where created_at < :cutoff limit 1000", nativeQuery = true)
    int deleteCreatedBefore(Instant cutoff);
}
