package com.example.shop.orders.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The same Idempotency-Key was used before with a different request. */
public class IdempotencyKeyReused extends ShopException {

    public IdempotencyKeyReused() {
        super(new ErrorType("idempotency-key-reused", "Idempotency-Key reused", 422),
                "This Idempotency-Key was already used with a different request");
    }
}
