package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The password-reset token is invalid, expired or already used. */
public class InvalidResetToken extends ShopException {

    public InvalidResetToken() {
        super(new ErrorType("invalid-reset-token", "Invalid password-reset token", 400),
                "The password-reset token is invalid, expired or already used.", false);
    }
}
