package com.example.shop.catalog.internal;

import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No such product (for the storefront: none that is on sale). */
public class ProductNotFound extends ShopException {

    public ProductNotFound(UUID id) {
        super(ErrorType.NOT_FOUND, "No product " + id + ".");
    }

    /** As the storefront asked for it, by id or slug; without a stack trace. */
    public ProductNotFound(String idOrSlug) {
        // the storefront's everyday miss (a mistyped or stale link): a stack trace would only cost time
        super(ErrorType.NOT_FOUND, "No product '" + idOrSlug + "'.", false);
    }
}
