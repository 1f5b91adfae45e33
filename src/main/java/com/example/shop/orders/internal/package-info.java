/**
 * The orders module's implementation: the order aggregate, checkout, reactions to payment events, idempotent
 * requests, and its exceptions.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.orders.internal;
