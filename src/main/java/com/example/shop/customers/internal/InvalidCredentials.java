package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Wrong e-mail or password. */
public class InvalidCredentials extends ShopException {

    public InvalidCredentials() {
        super(new ErrorType("invalid-credentials", "Invalid credentials", 401),
                "Wrong e-mail or password.", false);
    }
}
