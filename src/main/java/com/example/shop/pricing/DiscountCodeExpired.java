package com.example.shop.pricing;

import java.time.Instant;
import java.util.Map;

import com.example.shop.shared.ErrorType;

/** The code's validity window has ended. */
public class DiscountCodeExpired extends DiscountCodeRejected {

    public static final ErrorType TYPE = new ErrorType("discount-code-expired", "Discount code expired", 422);

    private final Instant endsAt;

    public DiscountCodeExpired(String code, Instant endsAt) {
        super(TYPE, code, "The discount code '" + code + "' was valid until " + endsAt + ".");
        this.endsAt = endsAt;
    }

    @Override
    protected Map<String, Object> more() {
        return Map.of("endsAt", endsAt.toString());
    }
}
