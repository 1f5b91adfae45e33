/**
 * Integration: orders' events, published to RabbitMQ for other systems (a warehouse, accounting, a CRM) as JSON on
 * the topic exchange {@code shop.events}, at least once, after the order's transaction committed, and only once the
 * broker confirmed each. A broker outage delays them, never loses them: each is a publication in the event registry
 * until the broker confirms it. A leaf: it only listens to orders' events; nothing depends on it, and it exposes
 * nothing. Present only when a broker is configured ({@code spring.rabbitmq.host} or {@code .addresses}); without
 * one it registers nothing, so no publication waits for it.
 * <p>
 * The top-level package is the module's API (empty); {@code internal} is hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Integration",
        allowedDependencies = { "shared", "orders" })
package com.example.shop.integration;
