/**
 * Cart: anonymous and customer carts priced live from the catalog.
 * <p>
 * The top-level package is the module's API; sub-packages ({@code internal}, {@code web}) are hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Cart", allowedDependencies = { "shared", "catalog", "customers" })
package com.example.shop.cart;
