package com.example.shop.catalog.internal;

/**
 * A product's stock: units on hand and units reserved for orders not yet paid.
 * Invariant {@code 0 <= reserved <= onHand}; the database enforces the same with a CHECK.
 */
public record StockLevel(int onHand, int reserved) {

    public StockLevel {
        if (reserved < 0 || reserved > onHand) {
            throw new IllegalArgumentException("stock must satisfy 0 <= reserved <= onHand: onHand=" + onHand
                    + ", reserved=" + reserved);
        }
    }

    public static StockLevel of(int onHand) {
        return new StockLevel(onHand, 0);
    }

    public int available() {
        return onHand - reserved;
    }

    /** A recount by an admin: never below what customers have already reserved. */
    public StockLevel withOnHand(int newOnHand) {
        if (newOnHand < reserved) {
            throw new StockBelowReserved(newOnHand, reserved);
        }
        return new StockLevel(newOnHand, reserved);
    }

    public boolean canReserve(int quantity) {
        return quantity > 0 && available() >= quantity;
    }
}
