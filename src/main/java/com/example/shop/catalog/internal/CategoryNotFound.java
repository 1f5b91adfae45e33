package com.example.shop.catalog.internal;

import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No such category. */
public class CategoryNotFound extends ShopException {

    public CategoryNotFound(UUID id) {
        super(ErrorType.NOT_FOUND, "No category " + id + ".");
    }
}
