package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.shared.persistence.BinaryUuids;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.OtherTimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idempotency-Key record's claim and completion are stored in UTC, as Hibernate stores the entity's own (which
 * the take-over and the purge read), in a JVM whose zone is not UTC.
 */
@IntegrationTest
class IdempotencyLedgerTimeZoneTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecordIsDatedInUtcWhateverTheJvmsZone() throws Exception {
        UUID id = UUID.randomUUID();
        // 02:30 on the night Berlin moves its clocks from 02:00 to 03:00: no wall-clock time there
        Instant created = Instant.parse("2026-03-29T02:30:00Z");
        Instant completed = created.plusSeconds(90);
        try (OtherTimeZone other = OtherTimeZone.of("Europe/Berlin", dataSource)) {
            IdempotencyLedger ledger = new IdempotencyLedger(other.jdbc());
            other.transaction().executeWithoutResult(status -> {
                assertThat(ledger.insertUnlessTaken(id, "test", UUID.randomUUID(), "zone-" + id, "hash", created))
                        .isEqualTo(1);
                assertThat(ledger.complete(id, 201, "{}", completed)).isEqualTo(1);
            });
        }
        Map<String, Object> row = jdbc.queryForMap("""
                select cast(created_at as char) created, cast(completed_at as char) completed
                from orders_idempotency_key where id = ?""", (Object) BinaryUuids.bytes(id));
        assertThat(row.values()).containsExactly(OtherTimeZone.storedInUtc(created), OtherTimeZone.storedInUtc(completed));
    }
}
