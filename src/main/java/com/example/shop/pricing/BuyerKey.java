package com.example.shop.pricing;

import java.util.Objects;

/**
 * Who buys, as far as per-buyer limits of discount codes are concerned: an opaque string the caller chooses and
 * keeps stable for one buyer ({@code customer:<id>}, {@code email:<normalized address>}). Pricing only compares
 * keys; it never reads them.
 */
public record BuyerKey(String value) {

    public static final int MAX_LENGTH = 200;

    public BuyerKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a buyer key has 1 to " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
