package com.example.shop.payments;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No payment was ever started for the reference. */
public class PaymentNotFound extends ShopException {

    public PaymentNotFound(String reference) {
        super(ErrorType.NOT_FOUND, "No payment for reference " + reference);
    }
}
