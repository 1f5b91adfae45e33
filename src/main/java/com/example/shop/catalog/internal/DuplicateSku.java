package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Another product already has the SKU. */
public class DuplicateSku extends ShopException {

    public DuplicateSku(String sku) {
        super(new ErrorType("duplicate-sku", "SKU already in use", 409),
                "Another product already has SKU '" + sku + "'.");
    }
}
