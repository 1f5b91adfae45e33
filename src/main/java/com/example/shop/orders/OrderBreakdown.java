package com.example.shop.orders;

import java.util.Currency;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import com.example.shop.shared.Money;

/**
 * An order's money as checkout froze it: {@code subtotal - discount + shipping (+ tax unless taxIncluded) = total},
 * all in the order's one currency. {@code shippingMethodName} and {@code discountCode} name what was charged, null
 * when none.
 */
public record OrderBreakdown(Money subtotal, Money discount, Money shipping, Money tax, boolean taxIncluded,
        Money total, @Nullable String shippingMethodName, @Nullable String discountCode) {

    @JsonIgnore
    public Currency currency() {
        return total.currency();
    }
}
