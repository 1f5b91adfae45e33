package com.example.shop.customers.internal;

/** The password-reset token is invalid, expired or already used. */
public class InvalidResetToken extends RuntimeException {

    public InvalidResetToken() {
        super("The password-reset token is invalid, expired or already used.", null, false, false);
    }
}
