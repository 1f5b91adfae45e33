package com.example.shop.catalog.internal;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.catalog.InsufficientStock;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;

/**
 * {@link Inventory} on {@code catalog_stock}. Each method must run inside the caller's transaction
 * ({@code MANDATORY}): the movement commits or rolls back with the caller's own changes (an order).
 * <p>
 * Lines are merged per product and applied in ascending product id order, so two reservations that
 * touch the same products lock their rows in the same order and cannot deadlock. The storefront's
 * briefly remembered availability ({@link RecentAvailability}) is forgotten by the ledger after commit.
 */
@Service
class StockInventory implements Inventory {

    private final StockLedger ledger;

    StockInventory(StockLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(List<StockLine> lines) {
        SortedMap<UUID, Integer> wanted = merged(lines);
        List<UUID> short_ = ledger.reserveAll(wanted);
        if (!short_.isEmpty()) {
            Map<UUID, StockLevel> levels = ledger.levels(short_);
            List<InsufficientStock.Shortage> shortages = short_.stream()
                    .map(id -> new InsufficientStock.Shortage(new ProductId(id), wanted.get(id),
                            levels.containsKey(id) ? levels.get(id).available() : 0))
                    .toList();
            // Thrown through this transactional proxy: the caller's transaction is marked rollback-only,
            // so the lines that did succeed above are undone with it.
            throw new InsufficientStock(shortages);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(List<StockLine> lines) {
        merged(lines).forEach((id, quantity) -> {
            if (!ledger.release(id, quantity)) {
                throw new IllegalStateException("Cannot release " + quantity + " unit(s) of product " + id
                        + ": fewer are reserved");
            }
        });
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void commit(List<StockLine> lines) {
        merged(lines).forEach((id, quantity) -> {
            if (!ledger.commit(id, quantity)) {
                throw new IllegalStateException("Cannot commit " + quantity + " unit(s) of product " + id
                        + ": fewer are reserved");
            }
        });
    }

    /** One entry per product, quantities added up, in the fixed lock order (ascending id). */
    static SortedMap<UUID, Integer> merged(List<StockLine> lines) {
        SortedMap<UUID, Integer> merged = new TreeMap<>();
        for (StockLine line : lines) {
            merged.merge(line.productId().value(), line.quantity(), Math::addExact);
        }
        return merged;
    }
}
