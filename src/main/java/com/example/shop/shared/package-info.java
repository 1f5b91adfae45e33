/**
 * The shared kernel: small value types every module may use ({@link com.example.shop.shared.Money}), the base
 * of every module's exceptions ({@link com.example.shop.shared.ShopException} with its
 * {@link com.example.shop.shared.ErrorType}), and the cross-cutting web, security and configuration
 * infrastructure (one translation of exceptions into problems, one place that declares public and protected
 * routes, named rate limits, the context and histograms of observability).
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(
        displayName = "Shared kernel",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.example.shop.shared;
