package com.example.shop.customers.internal;

/** bcrypt only reads the first 72 bytes of a password; longer ones are refused rather than silently cut. */
public class PasswordTooLong extends RuntimeException {

    public PasswordTooLong() {
        super("The password must not be longer than " + Passwords.MAX_BYTES + " bytes (UTF-8).", null, false, false);
    }
}
