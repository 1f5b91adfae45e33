package com.example.shop.orders.internal;

import com.example.shop.orders.OrderId;
import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** The order's status does not allow the step asked for (shipping an unpaid order, cancelling a paid one). */
public class IllegalOrderTransition extends ShopException {

    private static final ErrorType TYPE = new ErrorType("illegal-order-transition", "Not possible in this order status",
            409);

    public IllegalOrderTransition(OrderId id, OrderStatus from, OrderStatus to) {
        super(TYPE, "Order " + id + " is " + from + " and cannot become " + to);
    }

    public IllegalOrderTransition(OrderId id, OrderStatus from, OrderStatus to, String why) {
        super(TYPE, "Order " + id + " is " + from + " and cannot become " + to + ": " + why);
    }
}
