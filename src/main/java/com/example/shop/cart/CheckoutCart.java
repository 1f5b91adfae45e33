package com.example.shop.cart;

import java.util.List;
import java.util.Map;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.Money;

/**
 * A cart as checkout sees it: every line priced from the catalog at this moment. A line whose product
 * is no longer on sale is not {@code purchasable} and blocks checkout.
 */
public record CheckoutCart(CartId id, List<Line> lines) {

    /** A line: the variant bought, its SKU and option values ({@code {}} without options). */
    public record Line(ProductId productId, VariantId variantId, String sku, String name,
            Map<String, String> optionValues, Money unitPrice, int quantity, boolean purchasable) {

        public Money lineTotal() {
            return unitPrice.times(quantity);
        }
    }

    public CheckoutCart {
        lines = List.copyOf(lines);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<Line> unpurchasable() {
        return lines.stream().filter(line -> !line.purchasable()).toList();
    }
}
