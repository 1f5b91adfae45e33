package com.example.shop.cart;

import java.util.List;

import com.example.shop.catalog.ProductId;
import com.example.shop.shared.Money;

/**
 * A cart as checkout sees it: every line priced from the catalog at this moment. A line whose product
 * is no longer on sale is not {@code purchasable} and blocks checkout.
 */
public record CheckoutCart(CartId id, List<Line> lines) {

    public record Line(ProductId productId, String sku, String name, Money unitPrice, int quantity,
            boolean purchasable) {

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
