package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A query parameter of the product listing (paging, sorting, price range) that cannot be used. */
public class InvalidListingParameter extends ShopException {

    public InvalidListingParameter(String parameter, String detail) {
        super(ErrorType.INVALID_PARAMETER, detail, parameter);
    }
}
