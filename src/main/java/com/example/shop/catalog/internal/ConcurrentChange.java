package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A change made meanwhile made this one impossible (e.g. a category deleted while a product was saved into it). */
public class ConcurrentChange extends ShopException {

    public ConcurrentChange(String detail) {
        super(new ErrorType("concurrent-change", "Concurrent change", 409), detail);
    }
}
