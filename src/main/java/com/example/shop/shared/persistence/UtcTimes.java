package com.example.shop.shared.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Times as the {@code DATETIME(6)} columns hold them, for the statements written in plain JDBC: UTC wall-clock
 * values, as Hibernate writes the entities' ({@code hibernate.jdbc.time_zone=UTC}), whatever the JVM's default time
 * zone. A {@code java.sql.Timestamp} would not do: the driver converts it in the JVM's default zone, both when it
 * binds one and when it reads one, while a {@code LocalDateTime} goes to the column and back unchanged.
 */
public final class UtcTimes {

    private UtcTimes() {
    }

    /** The parameter to bind for {@code instant}. */
    public static LocalDateTime bind(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The time in the column, {@code null} for SQL {@code NULL}. */
    public static @Nullable Instant instant(ResultSet row, int column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
