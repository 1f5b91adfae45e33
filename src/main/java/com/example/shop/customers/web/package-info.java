/**
 * The customers' HTTP endpoints: authentication, profile, addresses, customer administration.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.customers.web;
