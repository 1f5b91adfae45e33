package com.example.shop.orders.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A checkout of a cart with products that are no longer on sale; the answer lists them. */
public class UnavailableProducts extends ShopException {

    private final List<UUID> productIds;

    public UnavailableProducts(List<UUID> productIds) {
        super(new ErrorType("product-unavailable", "Products no longer on sale", 409),
                "Some products in the cart are no longer on sale");
        this.productIds = List.copyOf(productIds);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("productIds", productIds);
    }
}
