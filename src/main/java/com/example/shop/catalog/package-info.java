/**
 * Catalog: products, categories, search and the inventory that cannot oversell.
 * <p>
 * The top-level package is the module's API; sub-packages ({@code internal}, {@code web}) are hidden.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Catalog", allowedDependencies = "shared")
package com.example.shop.catalog;
