package com.example.shop.pricing;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/**
 * The breakdown of what an order costs: {@code subtotal - discount + shipping + tax = total} where prices exclude
 * tax, {@code subtotal - discount + shipping = total} where they include it ({@code taxIncluded}: the tax is then
 * the part of the total that is tax, shown and not added). {@code lines} are the input lines in their order, each
 * with its share of the discount and its tax; {@code tax} is their tax plus the shipping's. The rounding rule is
 * in {@code docs/pricing.md}.
 *
 * @param shippingMethod the method charged, null when none applies (no method ships to the country)
 * @param discountCode   the code applied (its canonical upper-case spelling), null when none
 * @param taxRate        the rate applied as a decimal string ({@code "19"}, {@code "7.5"}), null when the country
 *                       has none
 */
public record Quote(List<Line> lines, Money subtotal, Money discount, Money shipping, Money tax, boolean taxIncluded,
        Money total, @Nullable Shipping shippingMethod, @Nullable AppliedCode discountCode, @Nullable String taxRate) {

    /** One line: its amount (the line total), its share of the discount and its tax. */
    public record Line(Money amount, Money discount, Money tax) {
    }

    /** The shipping method charged, as it was when priced. */
    public record Shipping(String code, String name, @Nullable Integer estimatedDays) {
    }

    /** The discount code applied. */
    public record AppliedCode(String code, DiscountType type) {
    }

    public Quote {
        lines = List.copyOf(lines);
        Objects.requireNonNull(total, "total");
    }

    public @Nullable String shippingMethodCode() {
        return shippingMethod == null ? null : shippingMethod.code();
    }

    public @Nullable String discountCodeValue() {
        return discountCode == null ? null : discountCode.code();
    }
}
