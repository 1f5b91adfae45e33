package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.example.shop.pricing.DiscountType;

/**
 * A discount code as an admin sends it. {@code value}: the percentage for PERCENTAGE, minor units for FIXED_AMOUNT
 * (in {@code currency}, the shop's when absent), nothing for FREE_SHIPPING.
 */
public record DiscountCodeCommand(String code, @Nullable DiscountType type, @Nullable BigDecimal value,
        @Nullable String currency, @Nullable Long minSubtotal, @Nullable String minSubtotalCurrency,
        @Nullable Instant startsAt, @Nullable Instant endsAt, @Nullable Integer usageLimit,
        @Nullable Integer perCustomerLimit, boolean active) {
}
