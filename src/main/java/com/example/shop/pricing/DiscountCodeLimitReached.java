package com.example.shop.pricing;

import com.example.shop.shared.ErrorType;

/** This buyer has used the code as often as one buyer may (its per-customer limit). */
public class DiscountCodeLimitReached extends DiscountCodeRejected {

    public static final ErrorType TYPE = new ErrorType("discount-code-limit-reached",
            "Discount code used up for this customer", 422);

    public DiscountCodeLimitReached(String code) {
        super(TYPE, code, "You have used the discount code '" + code + "' as often as one customer may.");
    }
}
