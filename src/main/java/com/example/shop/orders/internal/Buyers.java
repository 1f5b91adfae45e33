package com.example.shop.orders.internal;

import com.example.shop.customers.CustomerId;
import com.example.shop.pricing.BuyerKey;

/** Who buys, as pricing counts a discount code's uses per buyer. */
final class Buyers {

    private Buyers() {
    }

    static BuyerKey of(CustomerId customer) {
        return new BuyerKey("customer:" + customer.value());
    }
}
