package com.example.shop.orders;

import com.example.shop.catalog.ProductId;
import com.example.shop.shared.Money;

/** One line of an order as it was bought: the catalog may rename or reprice the product later, this does not change. */
public record OrderItem(ProductId productId, String sku, String name, int quantity, Money unitPrice, Money lineTotal) {
}
