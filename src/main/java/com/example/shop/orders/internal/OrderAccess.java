package com.example.shop.orders.internal;

import com.example.shop.customers.CustomerId;

/**
 * Who asks for an order: a signed-in customer (or an admin), or whoever holds a guest order's access key (the
 * {@code Order-Access-Key} header), counted per client address and per order against guessing.
 */
public sealed interface OrderAccess {

    /** A customer, who may use their own orders; an admin may use any. */
    record AsCustomer(CustomerId customer, boolean admin) implements OrderAccess {
    }

    /** The holder of a guest order's access key, calling from {@code clientAddress}. */
    record WithKey(String key, String clientAddress) implements OrderAccess {
    }

    /**
     * The shop itself, answering for a request it has authorised already: the repetition of a guest checkout,
     * whose Idempotency-Key is scoped to the cart the guest holds.
     */
    record AsSystem() implements OrderAccess {
    }

    static OrderAccess asSystem() {
        return new AsSystem();
    }

    static OrderAccess customer(CustomerId customer, boolean admin) {
        return new AsCustomer(customer, admin);
    }

    static OrderAccess key(String key, String clientAddress) {
        return new WithKey(key, clientAddress);
    }
}
