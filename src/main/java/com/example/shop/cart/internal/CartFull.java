package com.example.shop.cart.internal;

import java.util.Map;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A new product for a cart that already has the most lines a cart may have. */
public class CartFull extends ShopException {

    private final int maxLines;

    public CartFull(int maxLines) {
        super(new ErrorType("cart-full", "Cart is full", 409),
                "A cart holds at most " + maxLines + " different products; remove a line first");
        this.maxLines = maxLines;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("maxLines", maxLines);
    }
}
