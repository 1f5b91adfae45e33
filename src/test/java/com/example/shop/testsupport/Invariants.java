package com.example.shop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's invariants, checked on the database by the same queries as {@code bench/invariants.sh}
 * ({@code bench/invariants.sql}): stock never negative nor over-reserved, reserved stock equal to the lines of
 * the orders waiting for their payment, every paid order with a captured payment of its total and every captured
 * payment applied to its order, no payment confirmed twice, no event publication incomplete past the staleness
 * limit and none given up on.
 * <p>
 * A test looks at what it made: only products, orders, payments and publications created at or after
 * {@code since} (the database is shared by every test class of the JVM). With {@link #stockSold} a test that
 * knows the stock it started with also checks that every paid order took its units once.
 */
public final class Invariants {

    private static final Path QUERIES = Path.of("bench/invariants.sql");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** One row that breaks an invariant. */
    public record Violation(String invariant, String subject, String detail) {

        @Override
        public String toString() {
            return invariant + " " + subject + ": " + detail;
        }
    }

    private final DataSource dataSource;

    private Invariants(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Invariants on(DataSource dataSource) {
        return new Invariants(dataSource);
    }

    /** Every violation among what was made since {@code since}, publications allowed {@code staleness}. */
    public List<Violation> violations(Instant since, Duration staleness) {
        List<Violation> violations = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET @since = TIMESTAMP('"
                    + SQL_TIME.format(LocalDateTime.ofInstant(since, ZoneOffset.UTC)) + "')");
            statement.execute("SET @staleness = " + staleness.toSeconds());
            for (String query : queries()) {
                if (!statement.execute(query)) {
                    continue;
                }
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        violations.add(new Violation(rows.getString(1), rows.getString(2), rows.getString(3)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the invariants", e);
        }
        return violations;
    }

    /** Fails the test with every violation listed, if there is one. */
    public void assertHold(Instant since, Duration staleness) {
        List<Violation> violations = violations(since, staleness);
        assertThat(violations).as("invariant violations:%n%s",
                violations.stream().map(Violation::toString).collect(Collectors.joining("\n"))).isEmpty();
    }

    /**
     * Stock sold once per paid order: for each product, what is on hand now is what it started with less the
     * units of its orders that were paid (also shipped or refunded since; a refund does not restock). A payment
     * applied twice takes the units twice.
     */
    public List<Violation> stockSold(Map<UUID, Integer> startedWith) {
        List<Violation> violations = new ArrayList<>();
        String sql = """
                SELECT s.on_hand, COALESCE((SELECT SUM(l.quantity) FROM orders_order_line l
                         JOIN orders_order o ON o.id = l.order_id
                        WHERE l.product_id = s.product_id
                          AND o.status IN ('PAID', 'SHIPPED', 'PARTIALLY_REFUNDED', 'REFUNDED')), 0)
                  FROM catalog_stock s WHERE s.product_id = ?""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Map.Entry<UUID, Integer> product : startedWith.entrySet()) {
                statement.setBytes(1, bytes(product.getKey()));
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        violations.add(new Violation("stock-sold-once", product.getKey().toString(), "no stock row"));
                        continue;
                    }
                    int onHand = row.getInt(1);
                    int sold = row.getInt(2);
                    if (onHand != product.getValue() - sold) {
                        violations.add(new Violation("stock-sold-once", product.getKey().toString(),
                                "started with " + product.getValue() + ", paid orders hold " + sold + ", on hand "
                                        + onHand));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the stock", e);
        }
        return violations;
    }

    /** The statements of {@code bench/invariants.sql}, comments left out. */
    static List<String> queries() {
        String text;
        try {
            text = Files.readString(QUERIES);
        } catch (IOException e) {
            throw new UncheckedIOException("bench/invariants.sql is read from the project directory", e);
        }
        String withoutComments = text.lines().filter(line -> !line.stripLeading().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";\\s*(\\n|$)")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    private static byte[] bytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }
}
