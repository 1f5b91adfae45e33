/**
 * The cart module's implementation: the cart aggregate, its repository, the service behind the API, and its exceptions.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.cart.internal;
