/**
 * Pricing: what an order costs beyond its lines. Shipping methods (where each ships, a flat price, free above a
 * subtotal), tax rates per country, discount codes and their uses, and the one function that breaks a set of
 * priced lines down into subtotal, discount, shipping, tax and total ({@link com.example.shop.pricing.Pricing}).
 * <p>
 * A leaf: it knows nothing of carts, orders or customers. Its callers hand it priced lines, a country and an
 * opaque buyer key, and tie a code's use to an opaque reference (an order id).
 * <p>
 * The top-level package is the module's API; sub-packages ({@code internal}, {@code web}) are hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Pricing", allowedDependencies = "shared")
package com.example.shop.pricing;
