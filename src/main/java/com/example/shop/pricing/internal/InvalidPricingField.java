package com.example.shop.pricing.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A field breaks a rule of pricing that request validation did not catch first: a validation problem. */
public class InvalidPricingField extends ShopException {

    public InvalidPricingField(String field, String detail) {
        super(ErrorType.VALIDATION, detail, field);
    }
}
