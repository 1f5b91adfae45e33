package com.example.shop.orders.internal;

import java.util.UUID;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** No such order, or one the caller may not see. */
public class OrderNotFound extends ShopException {

    public OrderNotFound(UUID id) {
        super(new ErrorType("order-not-found", "Order not found", 404), "Order " + id + " not found");
    }
}
