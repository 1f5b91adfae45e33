package com.example.shop.orders.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A checkout of a cart with no lines. */
public class EmptyCart extends ShopException {

    public EmptyCart() {
        super(new ErrorType("empty-cart", "Empty cart", 400), "There is nothing in the cart to order.");
    }
}
