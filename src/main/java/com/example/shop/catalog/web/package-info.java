/**
 * The catalog's HTTP endpoints for the storefront and for admins.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.catalog.web;
