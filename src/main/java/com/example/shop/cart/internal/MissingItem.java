package com.example.shop.cart.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A cart line was asked for without saying what to add. */
public class MissingItem extends ShopException {

    public MissingItem() {
        super(ErrorType.VALIDATION, "Send a variantId, or a productId for a product with one variant.", "variantId");
    }
}
