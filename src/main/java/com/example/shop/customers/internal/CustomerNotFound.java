package com.example.shop.customers.internal;

/** No such customer. */
public class CustomerNotFound extends RuntimeException {

    public CustomerNotFound() {
        super("No such customer.", null, false, false);
    }
}
