package com.example.shop.pricing.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A shipping method as an admin sends it; amounts in minor units, their currencies optional (the shop's). */
public record ShippingMethodCommand(String code, String name, List<String> countries, long price,
        @Nullable String priceCurrency, @Nullable Long freeAbove, @Nullable String freeAboveCurrency,
        @Nullable Integer estimatedDays, boolean active) {
}
