package com.example.shop.pricing;

import java.time.Instant;
import java.util.Map;

import com.example.shop.shared.ErrorType;

/** The code's validity window has not begun. */
public class DiscountCodeNotYetValid extends DiscountCodeRejected {

    public static final ErrorType TYPE = new ErrorType("discount-code-not-yet-valid", "Discount code not yet valid", 422);

    private final Instant startsAt;

    public DiscountCodeNotYetValid(String code, Instant startsAt) {
        super(TYPE, code, "The discount code '" + code + "' is valid from " + startsAt + ".");
        this.startsAt = startsAt;
    }

    @Override
    protected Map<String, Object> more() {
        return Map.of("startsAt", startsAt.toString());
    }
}
