package com.example.shop.customers.internal;

/** Wrong e-mail or password. */
public class InvalidCredentials extends RuntimeException {

    public InvalidCredentials() {
        super("Wrong e-mail or password.", null, false, false);
    }
}
