package com.example.shop.cart.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.shop.catalog.InsufficientStock;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.ShopException;

/** A line asks for more units than are available now (checked again, atomically, at checkout). */
public class NotEnoughStock extends ShopException {

    private final ProductId productId;
    private final VariantId variantId;
    private final int requested;
    private final int available;

    public NotEnoughStock(ProductId productId, VariantId variantId, int requested, int available) {
        super(InsufficientStock.TYPE, "Only " + available + " unit(s) of product " + productId + " (variant " + variantId
                + ") available, " + requested + " requested");
        this.productId = productId;
        this.variantId = variantId;
        this.requested = requested;
        this.available = available;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("productId", productId.value());
        properties.put("variantId", variantId.value());
        properties.put("requested", requested);
        properties.put("available", available);
        return properties;
    }
}
