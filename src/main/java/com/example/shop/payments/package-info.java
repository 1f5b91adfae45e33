/**
 * Payments: Stripe PaymentIntents, verified idempotent webhooks, refunds, disputes and reconciliation. A leaf: it knows a neutral payment reference, never an order.
 * <p>
 * The top-level package is the module's API; sub-packages ({@code internal}, {@code web}) are hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Payments", allowedDependencies = "shared")
package com.example.shop.payments;
