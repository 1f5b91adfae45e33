package com.example.shop.cart.internal;

import com.example.shop.catalog.ProductId;
import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A product with several variants was added by its product id: the line must say which variant. */
public class VariantRequired extends ShopException {

    public VariantRequired(ProductId product, int variants) {
        super(ErrorType.VALIDATION, "Product " + product + " has " + variants
                + " variants; add one of them by its variantId.", "variantId");
    }
}
