package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A category that still has child categories or products cannot be deleted. */
public class CategoryInUse extends ShopException {

    /** {@code why} completes "Category 'slug' ...". */
    public CategoryInUse(String slug, String why) {
        super(new ErrorType("category-in-use", "Category in use", 409), "Category '" + slug + "' " + why);
    }
}
