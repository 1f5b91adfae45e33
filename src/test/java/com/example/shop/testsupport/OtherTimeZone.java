package com.example.shop.testsupport;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JVM's default time zone set to another one until {@link #close()}, with connections to the application's
 * database opened in it. MySQL Connector/J takes the default zone when it opens a connection and keeps it, so the
 * pool's connections (opened in the zone the tests started in) would hide what a JVM running in this zone does:
 * {@link #jdbc()} and {@link #transactions()} open a connection of their own for every use, with the pool's URL and
 * driver settings.
 */
public final class OtherTimeZone implements AutoCloseable {

    /** A DATETIME(6) column as {@code CAST(column AS CHAR)} gives it. */
    private static final DateTimeFormatter AS_STORED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final TimeZone before;
    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;

    private OtherTimeZone(TimeZone before, DataSource connections) {
        this.before = before;
        this.jdbc = JdbcClient.create(connections);
        this.transactions = new DataSourceTransactionManager(connections);
    }

    /** Sets the default zone to {@code zone} (a zone that is not UTC, to mean anything). */
    public static OtherTimeZone of(String zone, DataSource pool) throws SQLException {
        HikariDataSource hikari = pool.unwrap(HikariDataSource.class);
        DriverManagerDataSource connections = new DriverManagerDataSource(hikari.getJdbcUrl(), hikari.getUsername(),
                hikari.getPassword());
        connections.setConnectionProperties(hikari.getDataSourceProperties());
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        return new OtherTimeZone(before, connections);
    }

    /** Statements on connections opened in this zone (each outside a transaction commits on its own). */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Transactions on connections opened in this zone, for code that takes a transaction manager. */
    public PlatformTransactionManager transactions() {
        return transactions;
    }

    public TransactionTemplate transaction() {
        return new TransactionTemplate(transactions);
    }

    /** {@code at} as a DATETIME(6) column holding it in UTC reads as text ({@code CAST(column AS CHAR)}). */
    public static String storedInUtc(Instant at) {
        return AS_STORED.format(at);
    }

    /** Puts the zone the JVM had back. */
    @Override
    public void close() {
        TimeZone.setDefault(before);
    }
}
