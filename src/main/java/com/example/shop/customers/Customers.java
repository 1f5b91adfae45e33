package com.example.shop.customers;

import java.util.Optional;

/** Query API of the customers module for other modules. */
public interface Customers {

    /** The customer with this id, or empty if there is none. */
    Optional<CustomerSummary> find(CustomerId id);
}
