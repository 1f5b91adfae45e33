/**
 * Customers: accounts, authentication (JWT access tokens, rotating refresh tokens), roles and addresses.
 * <p>
 * The top-level package is the module's API; sub-packages ({@code internal}, {@code web}) are hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Customers", allowedDependencies = "shared")
package com.example.shop.customers;
