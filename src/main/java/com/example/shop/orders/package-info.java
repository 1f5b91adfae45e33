/**
 * Orders: checkout (priced by pricing, the same function for the quote and the order), the order lifecycle driven
 * by payment events, refunds.
 * <p>
 * The top-level package is the module's API; sub-packages ({@code internal}, {@code web}) are hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Orders",
        allowedDependencies = { "shared", "catalog", "cart", "payments", "customers", "pricing" })
package com.example.shop.orders;
