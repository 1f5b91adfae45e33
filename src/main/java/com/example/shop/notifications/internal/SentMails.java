package com.example.shop.notifications.internal;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The record of what was sent ({@code notifications_sent_mail}), one row per event and kind of mail: the key that
 * makes a redelivered event send nothing more.
 */
@Repository
class SentMails {

    private final JdbcClient jdbc;

    SentMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean wasSent(UUID eventId, MailKind kind) {
        return jdbc.sql("select count(*) from notifications_sent_mail where event_id = ? and kind = ?")
                .params(bytes(eventId), kind.name()).query(Integer.class).single() > 0;
    }

    /**
     * Records a sent mail.
     *
     * @return false when it was recorded already (then it went out twice: see {@link OrderMailService})
     */
    boolean record(UUID eventId, MailKind kind, UUID orderId, String recipient, String subject, Instant sentAt) {
        try {
            jdbc.sql("""
                    insert into notifications_sent_mail (event_id, kind, order_id, recipient, subject, sent_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(bytes(eventId), kind.name(), bytes(orderId), recipient, subject, Timestamp.from(sentAt))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** As the tables store UUIDs: BINARY(16), Hibernate's byte order. */
    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
