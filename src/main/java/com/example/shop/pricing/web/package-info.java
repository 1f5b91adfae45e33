/** Pricing administration over HTTP: shipping methods, tax rates and discount codes. */
@org.jspecify.annotations.NullMarked
package com.example.shop.pricing.web;
