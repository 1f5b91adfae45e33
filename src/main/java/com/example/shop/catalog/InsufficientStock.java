package com.example.shop.catalog;

import java.util.List;
import java.util.Map;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A reservation could not be made: these product variants do not have the requested quantity available. Nothing was
 * reserved; the answer lists every product that is short.
 */
public class InsufficientStock extends ShopException {

    /** The type of every "not enough stock" answer, whoever finds out. */
    public static final ErrorType TYPE = new ErrorType("insufficient-stock", "Not enough stock", 409);

    public record Shortage(ProductId productId, VariantId variantId, int requested, int available) {
    }

    /** A shortage as the answer lists it. */
    private record Listed(String productId, String variantId, int requested, int available) {
    }

    private final List<Shortage> shortages;

    public InsufficientStock(List<Shortage> shortages) {
        super(TYPE, "Some products do not have the requested quantity available; nothing was ordered.");
        this.shortages = List.copyOf(shortages);
    }

    public List<Shortage> shortages() {
        return shortages;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("products", shortages.stream()
                .map(s -> new Listed(s.productId().toString(), s.variantId().toString(), s.requested(), s.available())).toList());
    }
}
