package com.example.shop.pricing;

/** What a discount code takes off. */
public enum DiscountType {
    /** A percentage of every line ({@code value} 0.01 to 100). */
    PERCENTAGE,
    /** A fixed amount off the lines ({@code value} in minor units), never more than their subtotal. */
    FIXED_AMOUNT,
    /** Shipping costs nothing ({@code value} unused). */
    FREE_SHIPPING
}
