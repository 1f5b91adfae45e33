/**
 * The payments' HTTP endpoints: Stripe's webhook and the storefront's payment configuration.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.payments.web;
