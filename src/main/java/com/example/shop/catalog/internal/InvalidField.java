package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A field breaks a rule of the catalog that request validation did not catch first: a validation problem. */
public class InvalidField extends ShopException {

    public InvalidField(String field, String detail) {
        super(ErrorType.VALIDATION, detail, field);
    }
}
