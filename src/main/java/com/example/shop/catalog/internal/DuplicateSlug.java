package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Another product, or another category, already has the slug. */
public class DuplicateSlug extends ShopException {

    public DuplicateSlug(String slug) {
        super(new ErrorType("duplicate-slug", "Slug already in use", 409),
                "The slug '" + slug + "' is already in use.");
    }
}
