package com.example.shop.customers.internal;

/** The refresh token is invalid, expired or already used. */
public class InvalidRefreshToken extends RuntimeException {

    public InvalidRefreshToken() {
        super("The refresh token is invalid, expired or already used.", null, false, false);
    }
}
