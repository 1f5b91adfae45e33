package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A category cannot be placed under itself or one of its descendants. */
public class CategoryCycle extends ShopException {

    public CategoryCycle(String slug) {
        super(new ErrorType("category-cycle", "Category cycle", 409),
                "Category '" + slug + "' cannot be placed under itself or one of its descendants.");
    }
}
