package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The refresh token is invalid, expired or already used. */
public class InvalidRefreshToken extends ShopException {

    public InvalidRefreshToken() {
        super(new ErrorType("invalid-refresh-token", "Invalid refresh token", 401),
                "The refresh token is invalid, expired or already used.", false);
    }
}
