/**
 * The shared kernel: small value types every module may use ({@link com.example.shop.shared.Money}),
 * and the cross-cutting web, security and configuration infrastructure (one problem vocabulary,
 * one place that declares public and protected routes).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Shared kernel",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.example.shop.shared;
