package com.example.shop.catalog.internal;

import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The product has no such variant. */
public class VariantNotFound extends ShopException {

    public VariantNotFound(UUID id) {
        super(ErrorType.NOT_FOUND, "No variant " + id + " of this product.");
    }
}
