package com.example.shop.catalog;

import java.util.List;

/**
 * Stock movements for other modules. Every method joins the caller's transaction, so a checkout that
 * fails after reserving rolls the reservation back with everything else.
 * <p>
 * Invariant per variant: {@code 0 <= reserved <= onHand}; available = onHand - reserved.
 */
public interface Inventory {

    /**
     * Reserves every line or none: each line is one atomic conditional update, applied in a fixed
     * variant order so concurrent multi-line reservations cannot deadlock.
     *
     * @throws InsufficientStock listing every line that is short; the caller's transaction is then
     *                           rolled back, so nothing stays reserved
     */
    void reserve(List<StockLine> lines);

    /** Gives reserved units back (an order cancelled before payment). */
    void release(List<StockLine> lines);

    /** Turns reserved units into sold ones: on hand and reserved both decrease (an order paid). */
    void commit(List<StockLine> lines);
}
