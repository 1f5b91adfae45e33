package com.example.shop.orders.internal;

import com.example.shop.orders.OrderId;
import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Nothing of the order can be refunded (never paid, or refunded in full already), or not as much as asked. */
public class NotRefundable extends ShopException {

    public NotRefundable(OrderId id, String why) {
        super(new ErrorType("not-refundable", "Nothing to refund", 409), "Order " + id + " cannot be refunded: " + why);
    }
}
