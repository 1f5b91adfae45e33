/**
 * The cart's HTTP endpoints.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.cart.web;
