package com.example.shop.customers.internal;

/** An account with this e-mail already exists. */
public class EmailAlreadyRegistered extends RuntimeException {

    public EmailAlreadyRegistered() {
        super("An account with this e-mail already exists.", null, false, false);
    }
}
