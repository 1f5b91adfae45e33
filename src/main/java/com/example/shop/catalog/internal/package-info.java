/**
 * The catalog module's implementation: products, categories, stock, listing queries, caches, and its exceptions.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.catalog.internal;
