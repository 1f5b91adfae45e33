/**
 * Notifications: one e-mail to the buyer per order event (placed, paid, shipped, refunded, cancelled), exactly once
 * per event although events are delivered at least once. A leaf: it only listens to orders' events; nothing depends
 * on it, and it exposes nothing.
 * <p>
 * The top-level package is the module's API (empty); {@code internal} is hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
        allowedDependencies = { "shared", "orders" })
package com.example.shop.notifications;
