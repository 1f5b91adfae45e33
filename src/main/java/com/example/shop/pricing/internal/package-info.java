/**
 * The pricing module's implementation: shipping methods, tax rates, discount codes and their uses, the
 * arithmetic of a breakdown, and its exceptions.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.pricing.internal;
