package com.example.shop.cart.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.Money;

/**
 * A cart priced with the catalog's current values. Lines whose product is gone or inactive are kept
 * but marked unavailable; they count in neither the subtotal nor the item count, and block checkout.
 */
public record PricedCart(UUID id, boolean owned, List<Line> items, int itemCount, Money subtotal) {

    /** A line; {@code sku} and {@code optionValues} are the variant's ({@code {}} without options). */
    public record Line(UUID id, ProductId productId, VariantId variantId, String sku, Map<String, String> optionValues,
            String name, Money unitPrice, int quantity, Money lineTotal, boolean available) {
    }

    public boolean checkoutReady() {
        return !items.isEmpty() && items.stream().allMatch(Line::available);
    }
}
