package com.example.shop.catalog.internal;

import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A variant left out of an update still has units reserved by open orders: it cannot be dropped yet. */
public class VariantInUse extends ShopException {

    public VariantInUse(UUID id) {
        super(new ErrorType("variant-in-use", "Variant in use", 409), "Variant " + id
                + " has units reserved by open orders; keep it until they are paid or cancelled.", "variants");
    }
}
