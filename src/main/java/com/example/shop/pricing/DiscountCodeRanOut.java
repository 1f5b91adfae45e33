package com.example.shop.pricing;

import java.util.Map;

import com.example.shop.shared.ErrorType;

/**
 * The code was still available when the order was priced, but its last use (or this buyer's last use) went to
 * another order placed at the same moment: a conflict, and nothing of this order was kept.
 */
public class DiscountCodeRanOut extends DiscountCodeRejected {

    public static final ErrorType TYPE = new ErrorType("discount-code-ran-out", "Discount code ran out", 409);

    private final String limit;

    private DiscountCodeRanOut(String code, String detail, String limit) {
        super(TYPE, code, detail);
        this.limit = limit;
    }

    public static DiscountCodeRanOut usageLimit(String code) {
        return new DiscountCodeRanOut(code, "The last use of the discount code '" + code
                + "' went to another order placed at the same moment; nothing was ordered.", "usage-limit");
    }

    public static DiscountCodeRanOut perCustomerLimit(String code) {
        return new DiscountCodeRanOut(code, "Another of your orders placed at the same moment took your last use of "
                + "the discount code '" + code + "'; nothing was ordered.", "per-customer-limit");
    }

    @Override
    protected Map<String, Object> more() {
        return Map.of("limit", limit);
    }
}
