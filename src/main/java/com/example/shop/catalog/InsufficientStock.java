package com.example.shop.catalog;

import java.util.List;

/** A reservation could not be made: these products do not have the requested quantity available. */
public class InsufficientStock extends RuntimeException {

    public record Shortage(ProductId productId, int requested, int available) {
    }

    private final List<Shortage> shortages;

    public InsufficientStock(List<Shortage> shortages) {
        super("Insufficient stock for " + shortages.size() + " product(s)");
        this.shortages = List.copyOf(shortages);
    }

    public List<Shortage> shortages() {
        return shortages;
    }
}
