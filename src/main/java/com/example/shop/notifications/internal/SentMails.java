package com.example.shop.notifications.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.shared.persistence.BinaryUuids;
import com.example.shop.shared.persistence.UtcTimes;

/**
 * The record of what was sent ({@code notifications_sent_mail}), one row per event and kind of mail: the key that
 * makes a redelivered event send nothing more.
 * <p>
 * Each call is a transaction of its own: the mail listener holds none (no connection while the mail server is
 * talked to), and a pooled connection does not auto-commit, so an insert outside a transaction would be rolled
 * back when its connection returns to the pool, and the mail sent again on the next delivery.
 */
@Repository
class SentMails {

    private final JdbcClient jdbc;
    private final TransactionTemplate reading;
    private final TransactionTemplate writing;

    SentMails(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.writing = new TransactionTemplate(transactions);
    }

    boolean wasSent(UUID eventId, MailKind kind) {
        Integer sent = reading.execute(status -> jdbc.sql(
                "select count(*) from notifications_sent_mail where event_id = ? and kind = ?")
                .params(BinaryUuids.bytes(eventId), kind.name()).query(Integer.class).single());
        return sent != null && sent > 0;
    }

    /**
     * Records a sent mail.
     *
     * @return false when it was recorded already (then it went out twice: see {@link OrderMailService})
     */
    boolean record(UUID eventId, MailKind kind, UUID orderId, String recipient, String subject, Instant sentAt) {
        try {
            writing.executeWithoutResult(status -> jdbc.sql("""
                    insert into notifications_sent_mail (event_id, kind, order_id, recipient, subject, sent_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(BinaryUuids.bytes(eventId), kind.name(), BinaryUuids.bytes(orderId), recipient, subject,
                            UtcTimes.bind(sentAt))
                    .update());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
