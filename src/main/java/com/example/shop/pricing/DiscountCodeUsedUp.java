package com.example.shop.pricing;

import com.example.shop.shared.ErrorType;

/** Every use of the code is taken (its usage limit is reached). */
public class DiscountCodeUsedUp extends DiscountCodeRejected {

    public static final ErrorType TYPE = new ErrorType("discount-code-used-up", "Discount code used up", 422);

    public DiscountCodeUsedUp(String code) {
        super(TYPE, code, "The discount code '" + code + "' has been used as often as it may be.");
    }
}
