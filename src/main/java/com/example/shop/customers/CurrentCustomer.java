package com.example.shop.customers;

import java.util.Optional;
import java.util.Set;

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

    /** The caller's roles ({@code CUSTOMER}, {@code ADMIN}); empty for an anonymous caller. */
    Set<Role> roles();

    default boolean isAdmin() {
        return roles().contains(Role.ADMIN);
    }
}
