package com.example.shop.orders.internal;

import com.example.shop.orders.OrderId;
import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The guest order has been claimed by a customer already (a claim happens once). */
public class OrderAlreadyClaimed extends ShopException {

    OrderAlreadyClaimed(OrderId id) {
        super(new ErrorType("order-already-claimed", "Order already claimed", 409),
                "Order " + id + " has been claimed by a customer already.");
    }
}
