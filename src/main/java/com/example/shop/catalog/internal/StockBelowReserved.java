package com.example.shop.catalog.internal;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** On-hand stock cannot go below the units customers have reserved. */
public class StockBelowReserved extends ShopException {

    private static final ErrorType TYPE = new ErrorType("stock-below-reserved", "Stock below reserved", 409);

    public StockBelowReserved(int onHand, int reserved) {
        super(TYPE, "On-hand stock cannot be set to " + onHand + " while " + reserved + " unit(s) are reserved.");
    }

    /** When the number reserved is not known (the database refused the update). */
    public StockBelowReserved(int onHand) {
        super(TYPE, "On-hand stock cannot be set to " + onHand + " while units are reserved.");
    }
}
