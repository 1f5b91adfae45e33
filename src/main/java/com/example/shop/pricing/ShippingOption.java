package com.example.shop.pricing;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/**
 * A shipping method offered for a country, priced for a subtotal: {@code price} is what it costs for that subtotal
 * (zero when the subtotal reaches {@code freeAbove}).
 */
public record ShippingOption(String code, String name, Money price, @Nullable Money freeAbove,
        @Nullable Integer estimatedDays) {
}
