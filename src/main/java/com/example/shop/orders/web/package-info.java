/**
 * The orders' HTTP endpoints: checkout, a customer's orders, order administration.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.orders.web;
