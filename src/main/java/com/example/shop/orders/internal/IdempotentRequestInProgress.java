package com.example.shop.orders.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** A request with the same Idempotency-Key is still being processed. */
public class IdempotentRequestInProgress extends ShopException {

    public IdempotentRequestInProgress() {
        this("A request with this Idempotency-Key is still in progress; retry shortly");
    }

    public IdempotentRequestInProgress(String message) {
        super(new ErrorType("request-in-progress", "Request in progress", 409), message);
    }
}
