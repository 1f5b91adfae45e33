package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.example.shop.shared.persistence.BinaryUuids;
import com.example.shop.shared.persistence.UtcTimes;

/**
 * The three statements every request with an {@code Idempotency-Key} sends to {@code orders_idempotency_key}:
 * the claim, the attachment of what its work created, and the stored response. Plain JDBC with positional
 * parameters, in whatever transaction is active: as {@link IdempotencyRecords} JPQL bulk updates, Hibernate
 * translated {@code attach} and {@code complete} to SQL again on every call (it caches no plan of an update or
 * a delete), and each of the three went through Spring Data's repository proxy and Hibernate's bulk-operation
 * cleanup. The rarer statements (a repetition's read, the take-over of a dead claim, the purge) stay in
 * {@link IdempotencyRecords}.
 * <p>
 * Times are written as UTC wall-clock values ({@link UtcTimes}), as Hibernate writes the entity's.
 */
@Component
class IdempotencyLedger {

    private final JdbcClient jdbc;

    IdempotencyLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a key: 1 when this call inserted the record, 0 when the (scope, owner, key) is taken. IGNORE
     * turns the duplicate into a normal outcome rather than a database error (and a logged one).
     */
    int insertUnlessTaken(UUID id, String scope, UUID owner, String key, String hash, Instant createdAt) {
        return jdbc.sql("""
                insert ignore into orders_idempotency_key (id, scope, owner_id, idempotency_key, request_hash, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(BinaryUuids.bytes(id), scope, BinaryUuids.bytes(owner), key, hash, UtcTimes.bind(createdAt))
                .update();
    }

    /** Ties the work's resource to its claim: 1, or 0 when the claim was taken over or completed meanwhile. */
    int attach(UUID id, UUID resource) {
        return jdbc.sql("""
                update orders_idempotency_key set resource_id = ?
                where id = ? and resource_id is null and completed_at is null""")
                .params(BinaryUuids.bytes(resource), BinaryUuids.bytes(id))
                .update();
    }

    /** Stores the response: 1, or 0 when the record was completed already (by a repetition that took it over). */
    int complete(UUID id, int status, String body, Instant now) {
        return jdbc.sql("""
                update orders_idempotency_key set response_status = ?, response_body = ?, completed_at = ?
                where id = ? and completed_at is null""")
                .params(status, body, UtcTimes.bind(now), BinaryUuids.bytes(id))
                .update();
    }
}
