/**
 * Rate limits every module may use: named token buckets ({@link com.example.shop.shared.ratelimit.RateLimits}),
 * each keyed by a string (an e-mail, a client address, an order), capacity and refill period set in code and
 * overridable per name under {@code shop.rate-limit.limits.<name>.*}. Buckets live in this instance's memory
 * unless a shared store is configured (docs/operations.md, "Rate limits").
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.ratelimit;
