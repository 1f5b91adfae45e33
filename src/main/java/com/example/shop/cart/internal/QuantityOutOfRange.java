package com.example.shop.cart.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** E.g. a line that would pass {@link Cart#MAX_QUANTITY} with what is already in it: a problem about the quantity. */
public class QuantityOutOfRange extends ShopException {

    public QuantityOutOfRange(int quantity) {
        super(new ErrorType("invalid-quantity", "Invalid quantity", 400),
                "Quantity per line must be between 1 and " + Cart.MAX_QUANTITY + ", was " + quantity, "quantity");
    }
}
