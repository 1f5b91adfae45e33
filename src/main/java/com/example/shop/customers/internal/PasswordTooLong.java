package com.example.shop.customers.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** bcrypt only reads the first 72 bytes of a password; longer ones are refused rather than silently cut. */
public class PasswordTooLong extends ShopException {

    public PasswordTooLong() {
        super(new ErrorType("password-too-long", "Password too long", 400),
                "The password must not be longer than " + Passwords.MAX_BYTES + " bytes (UTF-8).", false);
    }
}
