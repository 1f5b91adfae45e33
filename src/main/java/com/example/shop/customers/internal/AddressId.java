package com.example.shop.customers.internal;

import java.util.Objects;
import java.util.UUID;

/** Identifies an entry of a customer's address book. */
public record AddressId(UUID value) {

    public AddressId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
