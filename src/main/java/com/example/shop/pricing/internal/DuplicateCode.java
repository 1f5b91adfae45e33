package com.example.shop.pricing.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Another shipping method, or another discount code (in any spelling of its letters), already has the code. */
public class DuplicateCode extends ShopException {

    private DuplicateCode(ErrorType type, String detail) {
        super(type, detail, "code");
    }

    static DuplicateCode shippingMethod(String code) {
        return new DuplicateCode(new ErrorType("duplicate-shipping-method", "Shipping method code already in use", 409),
                "There is a shipping method '" + code + "' already.");
    }

    static DuplicateCode discountCode(String code) {
        return new DuplicateCode(new ErrorType("duplicate-discount-code", "Discount code already in use", 409),
                "There is a discount code '" + code + "' already (codes are case-insensitive).");
    }
}
