package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.example.shop.pricing.DiscountType;
import com.example.shop.shared.Money;

/** A discount code as an admin sees it, with how often it is in use ({@code timesUsed}). */
public record DiscountCodeView(String code, DiscountType type, @Nullable BigDecimal value,
        @Nullable Money minSubtotal, @Nullable Instant startsAt, @Nullable Instant endsAt,
        @Nullable Integer usageLimit, @Nullable Integer perCustomerLimit, boolean active, int timesUsed,
        Instant createdAt, Instant updatedAt) {
}
