package com.example.shop.pricing.internal;

import java.time.Instant;

/** A country's tax rate as an admin sees it: the rate a decimal string in percent ({@code "19"}, {@code "7.5"}). */
public record TaxRateView(String country, String rate, Instant updatedAt) {
}
