package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A request names a category that does not exist. */
public class UnknownCategory extends ShopException {

    /** {@code field} is the request field that names it ({@code categorySlugs}, {@code parentSlug}). */
    public UnknownCategory(String field, String detail) {
        super(new ErrorType("unknown-category", "Unknown category", 400), detail, field);
    }
}
