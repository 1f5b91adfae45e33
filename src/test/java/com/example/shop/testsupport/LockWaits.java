package com.example.shop.testsupport;

import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Forcing an interleaving: wait until the database shows transactions waiting for a row lock, that is,
 * until the other side of a race has reached the point where it must wait.
 */
public final class LockWaits {

    private LockWaits() {
    }

    /** Until at least {@code count} transactions whose current statement mentions {@code tablePrefix} wait for a lock. */
    public static void awaitLockWaits(JdbcTemplate jdbc, int count, String tablePrefix) {
        // InnoDB refreshes what innodb_trx shows only when it was last read more than 0.1 s ago:
        // polling faster would keep showing the moment before the wait began
        await("%d transaction(s) waiting for a lock on %s*".formatted(count, tablePrefix))
                .pollInterval(Duration.ofMillis(250)).atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("""
                        select count(*) from information_schema.innodb_trx
                        where trx_state = 'LOCK WAIT' and trx_query like ?""", Integer.class,
                        "%" + tablePrefix + "%") >= count);
    }
}
