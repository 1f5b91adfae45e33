package com.example.shop.customers;

import java.util.Optional;

/**
 * Who is calling, for other modules: they ask here instead of reading tokens themselves.
 */
public interface CurrentCustomer {

    /** The authenticated customer, or empty for an anonymous caller. */
    Optional<CustomerId> id();

    /** The authenticated customer; a programming error to call on an unauthenticated route. */
    default CustomerId require() {
        return id().orElseThrow(() -> new IllegalStateException("no authenticated customer"));
    }

    boolean isAdmin();
}
