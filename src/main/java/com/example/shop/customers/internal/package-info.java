/**
 * The customers module's implementation: accounts, logins and tokens, throttling, password resets, addresses,
 * and its exceptions.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.customers.internal;
