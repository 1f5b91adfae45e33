package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** An account with this e-mail already exists. */
public class EmailAlreadyRegistered extends ShopException {

    public EmailAlreadyRegistered() {
        super(new ErrorType("email-taken", "E-mail already registered", 409),
                "An account with this e-mail already exists.", false);
    }
}
