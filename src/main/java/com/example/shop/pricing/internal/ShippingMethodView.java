package com.example.shop.pricing.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/** A shipping method as an admin sees it. */
public record ShippingMethodView(String code, String name, List<String> countries, Money price,
        @Nullable Money freeAbove, @Nullable Integer estimatedDays, boolean active, Instant createdAt,
        Instant updatedAt) {
}
