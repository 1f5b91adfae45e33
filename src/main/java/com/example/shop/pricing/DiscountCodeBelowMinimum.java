package com.example.shop.pricing;

import java.util.Map;

import com.example.shop.shared.Money;
import com.example.shop.shared.ErrorType;

/** The subtotal is below the code's minimum. */
public class DiscountCodeBelowMinimum extends DiscountCodeRejected {

    public static final ErrorType TYPE = new ErrorType("discount-code-below-minimum", "Subtotal below the code's minimum", 422);

    private final Money minSubtotal;

    public DiscountCodeBelowMinimum(String code, Money minSubtotal, Money subtotal) {
        super(TYPE, code, "The discount code '" + code + "' needs a subtotal of at least " + minSubtotal
                + "; this one is " + subtotal + ".");
        this.minSubtotal = minSubtotal;
    }

    @Override
    protected Map<String, Object> more() {
        return Map.of("minSubtotal", minSubtotal);
    }
}
