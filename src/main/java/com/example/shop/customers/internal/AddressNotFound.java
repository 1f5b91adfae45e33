package com.example.shop.customers.internal;

/** No such address. */
public class AddressNotFound extends RuntimeException {

    public AddressNotFound() {
        super("No such address.", null, false, false);
    }
}
