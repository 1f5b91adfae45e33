package com.example.shop.pricing.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No shipping method, tax rate or discount code of that name. */
public class NotFound extends ShopException {

    private NotFound(String detail) {
        super(ErrorType.NOT_FOUND, detail);
    }

    static NotFound shippingMethod(String code) {
        return new NotFound("No shipping method '" + code + "'.");
    }

    static NotFound taxRate(String country) {
        return new NotFound("No tax rate for '" + country + "'.");
    }

    static NotFound discountCode(String code) {
        return new NotFound("No discount code '" + code + "'.");
    }
}
