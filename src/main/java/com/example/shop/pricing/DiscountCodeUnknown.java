package com.example.shop.pricing;

import com.example.shop.shared.ErrorType;

/** No active discount code of that name (never was, deleted or deactivated). */
public class DiscountCodeUnknown extends DiscountCodeRejected {

    public static final ErrorType TYPE = new ErrorType("discount-code-unknown", "Unknown discount code", 422);

    public DiscountCodeUnknown(String code) {
        super(TYPE, code, "There is no active discount code '" + code + "'.");
    }
}
