package com.example.shop.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code catalog_stock} table, through single SQL statements only: every movement is one
 * conditional UPDATE that either applies atomically or changes nothing (0 rows), so no movement is ever
 * a read-check-write and the invariant {@code 0 <= reserved <= on_hand} cannot be broken by a race.
 * <p>
 * Plain JDBC on purpose: stock rows are never loaded into a persistence context, so no entity can write
 * a stale stock level back over a concurrent reservation. It runs in whatever transaction is active.
 */
@Component
class StockLedger {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final RecentAvailability shown;

    StockLedger(JdbcClient jdbc, JdbcTemplate batch, RecentAvailability shown) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.shown = shown;
    }

    /** A movement happened: the storefront's remembered quantity of the product is forgotten after commit. */
    private boolean moved(UUID productId, boolean changed) {
        if (changed) {
            shown.changed(productId);
        }
        return changed;
    }

    void open(UUID productId, int onHand) {
        StockLevel.of(onHand);
        jdbc.sql("INSERT INTO catalog_stock (product_id, on_hand, reserved) VALUES (:id, :onHand, 0)")
                .param("id", Uuids.bytes(productId))
                .param("onHand", onHand)
                .update();
    }

    /** Adds {@code quantity} to reserved if that many are available; false (nothing changed) otherwise. */
    boolean reserve(UUID productId, int quantity) {
        return moved(productId, jdbc.sql("""
                UPDATE catalog_stock SET reserved = reserved + :quantity
                WHERE product_id = :id AND on_hand - reserved >= :quantity""")
                .param("id", Uuids.bytes(productId))
                .param("quantity", quantity)
                .update() == 1);
    }

    /**
     * {@link #reserve} for several products in one JDBC batch, one round trip with the driver's
     * {@code rewriteBatchedStatements} (the statements still run one after the other, in the map's order, so the
     * rows are locked in that order).
     *
     * @return the products of which not enough were available (nothing changed for them)
     */
    List<UUID> reserveAll(SortedMap<UUID, Integer> quantities) {
        List<Map.Entry<UUID, Integer>> lines = List.copyOf(quantities.entrySet());
        int[] updated = batch.batchUpdate("""
                UPDATE catalog_stock SET reserved = reserved + ?
                WHERE product_id = ? AND on_hand - reserved >= ?""", lines, lines.size(), (statement, line) -> {
                    statement.setInt(1, line.getValue());
                    statement.setBytes(2, Uuids.bytes(line.getKey()));
                    statement.setInt(3, line.getValue());
                })[0];
        List<UUID> short_ = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            UUID productId = lines.get(i).getKey();
            if (!moved(productId, updated[i] == 1)) {
                short_.add(productId);
            }
        }
        return short_;
    }

    /** Gives back {@code quantity} reserved units; false (nothing changed) if fewer are reserved. */
    boolean release(UUID productId, int quantity) {
        return moved(productId, jdbc.sql("""
                UPDATE catalog_stock SET reserved = reserved - :quantity
                WHERE product_id = :id AND reserved >= :quantity""")
                .param("id", Uuids.bytes(productId))
                .param("quantity", quantity)
                .update() == 1);
    }

    /** Reserved units leave the shop: on hand and reserved both decrease; false if fewer are reserved. */
    boolean commit(UUID productId, int quantity) {
        return moved(productId, jdbc.sql("""
                UPDATE catalog_stock SET on_hand = on_hand - :quantity, reserved = reserved - :quantity
                WHERE product_id = :id AND reserved >= :quantity""")
                .param("id", Uuids.bytes(productId))
                .param("quantity", quantity)
                .update() == 1);
    }

    /** Sets on hand unless that would fall below what is reserved; false (nothing changed) then or when unknown. */
    boolean setOnHand(UUID productId, int onHand) {
        return moved(productId, jdbc.sql("UPDATE catalog_stock SET on_hand = :onHand WHERE product_id = :id AND reserved <= :onHand")
                .param("id", Uuids.bytes(productId))
                .param("onHand", onHand)
                .update() == 1);
    }

    Optional<StockLevel> level(UUID productId) {
        return Optional.ofNullable(levels(List.of(productId)).get(productId));
    }

    /** The stock of these products, one primary-key lookup query; unknown ids are absent. */
    Map<UUID, StockLevel> levels(Collection<? extends UUID> productIds) {
        Map<UUID, StockLevel> levels = new HashMap<>();
        if (productIds.isEmpty()) {
            return levels;
        }
        jdbc.sql("SELECT product_id, on_hand, reserved FROM catalog_stock WHERE product_id IN (:ids)")
                .param("ids", productIds.stream().map(Uuids::bytes).toList())
                .query((rs, n) -> levels.put(Uuids.uuid(rs.getBytes(1)), new StockLevel(rs.getInt(2), rs.getInt(3))))
                .list();
        return levels;
    }
}
