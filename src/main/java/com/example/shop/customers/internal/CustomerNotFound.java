package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No such customer. */
public class CustomerNotFound extends ShopException {

    public CustomerNotFound() {
        super(ErrorType.NOT_FOUND, "No such customer.", false);
    }
}
