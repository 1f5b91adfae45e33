package com.example.shop.cart;

import java.util.Optional;

import com.example.shop.customers.CustomerId;

/** What checkout needs from the cart module. The methods join the caller's transaction. */
public interface Carts {

    /**
     * The cart with current catalog prices, read without a lock (to quote it); empty when the cart does not exist
     * or {@code caller} may not use it (another customer's, or a customer's cart asked for anonymously).
     */
    Optional<CheckoutCart> find(CartId cart, Optional<CustomerId> caller);

    /**
     * The cart with current catalog prices, locked against concurrent changes until the caller's
     * transaction ends; empty when the cart does not exist or {@code caller} may not use it (another customer's,
     * or a customer's cart for a guest checkout, whose {@code caller} is empty).
     */
    Optional<CheckoutCart> lockForCheckout(CartId cart, Optional<CustomerId> caller);

    /**
     * Empties the cart once its contents became an order; meant for the transaction that took the cart's lock
     * with {@link #lockForCheckout} (it reads nothing more then).
     */
    void clear(CartId cart);
}
