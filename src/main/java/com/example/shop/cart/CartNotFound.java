package com.example.shop.cart;

import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No such cart, or one the caller may not see (never say which); the same answer from the cart and from checkout. */
public class CartNotFound extends ShopException {

    public CartNotFound(UUID id) {
        super(new ErrorType("cart-not-found", "Cart not found", 404), "Cart " + id + " not found");
    }
}
