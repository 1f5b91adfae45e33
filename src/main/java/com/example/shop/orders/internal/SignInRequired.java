package com.example.shop.orders.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A request without an access token that only a guest could make without one, but that does not say who the guest
 * is (a checkout without {@code email}, an order read without {@code Order-Access-Key}).
 */
public class SignInRequired extends ShopException {

    public SignInRequired(String detail) {
        super(new ErrorType("unauthorized", "Unauthorized", 401), detail, false);
    }
}
