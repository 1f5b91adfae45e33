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

import com.example.shop.shared.persistence.BinaryUuids;

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

    /** A movement happened: the storefront's remembered quantity of the variant is forgotten after commit. */
    private boolean moved(UUID variantId, boolean changed) {
        if (changed) {
            shown.changed(variantId);
        }
        return changed;
    }

    /** The stock row of a new variant ({@code product_id} is kept beside it for a product's sum). */
    void open(UUID productId, UUID variantId, int onHand) {
        StockLevel.of(onHand);
        jdbc.sql("INSERT INTO catalog_stock (variant_id, product_id, on_hand, reserved) VALUES (:variant, :product, :onHand, 0)")
                .param("variant", BinaryUuids.bytes(variantId))
                .param("product", BinaryUuids.bytes(productId))
                .param("onHand", onHand)
                .update();
    }

    /**
     * Closes the stock of a variant that is no longer sold, unless units of it are reserved by open orders:
     * one conditional DELETE, so a reservation racing it either comes first (and this refuses) or finds no row.
     */
    boolean close(UUID variantId) {
        return moved(variantId, jdbc.sql("DELETE FROM catalog_stock WHERE variant_id = :id AND reserved = 0")
                .param("id", BinaryUuids.bytes(variantId))
                .update() == 1);
    }

    /** Adds {@code quantity} to reserved if that many are available; false (nothing changed) otherwise. */
    boolean reserve(UUID variantId, int quantity) {
        return moved(variantId, jdbc.sql("""
                UPDATE catalog_stock SET reserved = reserved + :quantity
                WHERE variant_id = :id AND on_hand - reserved >= :quantity""")
                .param("id", BinaryUuids.bytes(variantId))
                .param("quantity", quantity)
                .update() == 1);
    }

    /**
     * {@link #reserve} for several variants in one JDBC batch, one round trip with the driver's
     * {@code rewriteBatchedStatements} (the statements still run one after the other, in the map's order, so the
     * rows are locked in that order).
     *
     * @return the variants of which not enough were available (nothing changed for them)
     */
    List<UUID> reserveAll(SortedMap<UUID, Integer> quantities) {
        List<Map.Entry<UUID, Integer>> lines = List.copyOf(quantities.entrySet());
        int[] updated = batch.batchUpdate("""
                UPDATE catalog_stock SET reserved = reserved + ?
                WHERE variant_id = ? AND on_hand - reserved >= ?""", lines, lines.size(), (statement, line) -> {
                    statement.setInt(1, line.getValue());
                    statement.setBytes(2, BinaryUuids.bytes(line.getKey()));
                    statement.setInt(3, line.getValue());
                })[0];
        List<UUID> short_ = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            UUID variantId = lines.get(i).getKey();
            if (!moved(variantId, updated[i] == 1)) {
                short_.add(variantId);
            }
        }
        return short_;
    }

    /** Gives back {@code quantity} reserved units; false (nothing changed) if fewer are reserved. */
    boolean release(UUID variantId, int quantity) {
        return moved(variantId, jdbc.sql("""
                UPDATE catalog_stock SET reserved = reserved - :quantity
                WHERE variant_id = :id AND reserved >= :quantity""")
                .param("id", BinaryUuids.bytes(variantId))
                .param("quantity", quantity)
                .update() == 1);
    }

    /** Reserved units leave the shop: on hand and reserved both decrease; false if fewer are reserved. */
    boolean commit(UUID variantId, int quantity) {
        return moved(variantId, jdbc.sql("""
                UPDATE catalog_stock SET on_hand = on_hand - :quantity, reserved = reserved - :quantity
                WHERE variant_id = :id AND reserved >= :quantity""")
                .param("id", BinaryUuids.bytes(variantId))
                .param("quantity", quantity)
                .update() == 1);
    }

    /** Sets on hand unless that would fall below what is reserved; false (nothing changed) then or when unknown. */
    boolean setOnHand(UUID variantId, int onHand) {
        return moved(variantId, jdbc.sql("UPDATE catalog_stock SET on_hand = :onHand WHERE variant_id = :id AND reserved <= :onHand")
                .param("id", BinaryUuids.bytes(variantId))
                .param("onHand", onHand)
                .update() == 1);
    }

    Optional<StockLevel> level(UUID variantId) {
        return Optional.ofNullable(levels(List.of(variantId)).get(variantId));
    }

    /** The stock of these variants, one primary-key lookup query; unknown ids are absent. */
    Map<UUID, StockLevel> levels(Collection<? extends UUID> variantIds) {
        Map<UUID, StockLevel> levels = new HashMap<>();
        if (variantIds.isEmpty()) {
            return levels;
        }
        jdbc.sql("SELECT variant_id, on_hand, reserved FROM catalog_stock WHERE variant_id IN (:ids)")
                .param("ids", variantIds.stream().map(BinaryUuids::bytes).toList())
                .query((rs, n) -> levels.put(BinaryUuids.uuid(rs.getBytes(1)),
                        new StockLevel(rs.getInt(2), rs.getInt(3))))
                .list();
        return levels;
    }

    /** A variant's stock row: its product and its level. */
    record Row(UUID productId, StockLevel level) {
    }

    /**
     * The stock rows of these variants with their products, one primary-key lookup query; unknown ids are absent.
     * A short reservation answers from it while it still holds the rows' locks, so it costs one statement only.
     */
    Map<UUID, Row> rows(Collection<? extends UUID> variantIds) {
        Map<UUID, Row> rows = new HashMap<>();
        if (variantIds.isEmpty()) {
            return rows;
        }
        jdbc.sql("SELECT variant_id, product_id, on_hand, reserved FROM catalog_stock WHERE variant_id IN (:ids)")
                .param("ids", variantIds.stream().map(BinaryUuids::bytes).toList())
                .query((rs, n) -> rows.put(BinaryUuids.uuid(rs.getBytes(1)),
                        new Row(BinaryUuids.uuid(rs.getBytes(2)), new StockLevel(rs.getInt(3), rs.getInt(4)))))
                .list();
        return rows;
    }
}
