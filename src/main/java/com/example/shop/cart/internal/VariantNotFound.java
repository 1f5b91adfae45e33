package com.example.shop.cart.internal;

import com.example.shop.catalog.VariantId;
import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The variant does not exist, is not of the product named with it, or its product is no longer on sale. */
public class VariantNotFound extends ShopException {

    public VariantNotFound(VariantId id) {
        super(new ErrorType("product-not-found", "Product not found", 404), "Variant " + id + " not found");
    }
}
