package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No such address. */
public class AddressNotFound extends ShopException {

    public AddressNotFound() {
        super(ErrorType.NOT_FOUND, "No such address.", false);
    }
}
