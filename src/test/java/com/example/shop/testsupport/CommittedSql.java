package com.example.shop.testsupport;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tests' own writes in SQL (back-dating rows, setting up a state no API reaches), each committed: in a
 * transaction of its own, or in the caller's when one is open. Pooled connections do not auto-commit, so a plain
 * {@code JdbcTemplate} write outside a transaction would be rolled back when its connection went back to the pool
 * (and fail the test: {@link LostWrites}). Reads need none of this: the tests read with {@code JdbcTemplate}.
 */
@Component
public class CommittedSql {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    CommittedSql(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** {@link JdbcTemplate#update(String, Object...)}, committed; the number of rows changed. */
    public int update(String sql, Object... args) {
        Integer changed = transactions.execute(status -> jdbc.update(sql, args));
        return changed == null ? 0 : changed;
    }

    /** {@link JdbcTemplate#batchUpdate(String, List)}, committed as one. */
    public int[] batchUpdate(String sql, List<Object[]> args) {
        return transactions.execute(status -> jdbc.batchUpdate(sql, args));
    }
}
