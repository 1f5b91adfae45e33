package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** An admin's edit was made against an older version of the product than the one stored. */
public class StaleProduct extends ShopException {

    public StaleProduct(long version, long expectedVersion) {
        super(ErrorType.STALE_VERSION, "The product was changed by someone else (version " + version + ", yours "
                + expectedVersion + "); reload it and try again.");
    }
}
