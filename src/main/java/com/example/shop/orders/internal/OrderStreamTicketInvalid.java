package com.example.shop.orders.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A {@code ticket} that does not open this order's stream: unknown, forged, expired, or issued for another
 * order. One answer for all (401, never which), so a ticket tells nothing about other orders; the client
 * asks for a new one.
 */
public class OrderStreamTicketInvalid extends ShopException {

    static final ErrorType TYPE = new ErrorType("ticket-invalid", "Invalid ticket", 401);

    public OrderStreamTicketInvalid() {
        super(TYPE, "The ticket is not valid for this order's events (expired, for another order, or unknown); "
                + "ask POST /api/orders/{id}/events/ticket for a new one.", "ticket");
    }
}
