package com.example.shop.cart.internal;

import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The cart has no line with this id. */
public class CartItemNotFound extends ShopException {

    public CartItemNotFound(UUID id) {
        super(new ErrorType("cart-item-not-found", "Cart item not found", 404), "Cart item " + id + " not found");
    }
}
