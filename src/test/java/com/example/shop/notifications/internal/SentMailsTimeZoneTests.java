package com.example.shop.notifications.internal;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.shared.persistence.BinaryUuids;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.OtherTimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** A sent mail's time is stored in UTC, as Hibernate stores the entities' times, in a JVM whose zone is not UTC. */
@IntegrationTest
class SentMailsTimeZoneTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSentMailIsDatedInUtcWhateverTheJvmsZone() throws Exception {
        UUID event = UUID.randomUUID();
        Instant sentAt = Instant.parse("2026-07-01T22:30:15Z");
        try (OtherTimeZone other = OtherTimeZone.of("America/New_York", dataSource)) {
            SentMails sent = new SentMails(other.jdbc(), other.transactions());
            assertThat(sent.record(event, MailKind.PAID, UUID.randomUUID(), "ada@example.com", "Paid", sentAt)).isTrue();
        }
        assertThat(jdbc.queryForObject("select cast(sent_at as char) from notifications_sent_mail where event_id = ?",
                String.class, (Object) BinaryUuids.bytes(event))).isEqualTo(OtherTimeZone.storedInUtc(sentAt));
    }
}
