package com.example.shop.cart;

import java.util.Optional;

import com.example.shop.customers.CustomerId;

/** What checkout needs from the cart module. Both methods join the caller's transaction. */
public interface Carts {

    /**
     * The cart with current catalog prices, locked against concurrent changes until the caller's
     * transaction ends; empty when the cart does not exist or belongs to another customer.
     */
    Optional<CheckoutCart> lockForCheckout(CartId cart, CustomerId customer);

    /** Empties the cart once its contents became an order. */
    void clear(CartId cart);
}
