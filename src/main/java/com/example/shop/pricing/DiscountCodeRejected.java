package com.example.shop.pricing;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A discount code that cannot be applied to this order; each reason is a subclass with a problem type of its own,
 * and every answer names the field {@code discountCode} and the {@code code} as the client sent it.
 */
public abstract class DiscountCodeRejected extends ShopException {

    private final String code;

    protected DiscountCodeRejected(ErrorType type, String code, String detail) {
        super(type, detail, "discountCode");
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", code);
        properties.putAll(more());
        return properties;
    }

    /** Further members of the answer. */
    protected Map<String, Object> more() {
        return Map.of();
    }
}
