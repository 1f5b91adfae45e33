package com.example.shop.orders.internal;

import com.example.shop.customers.CustomerId;
import com.example.shop.pricing.BuyerKey;

/** Who buys, as pricing counts a discount code's uses per buyer. */
final class Buyers {

    private Buyers() {
    }

    /** A customer by their id; a guest by their e-mail, so a per-buyer limit holds for guests too. */
    static BuyerKey of(CheckoutService.Purchaser purchaser) {
        if (purchaser instanceof CheckoutService.Purchaser.Customer customer) {
            return of(customer.id());
        }
        return guest(((CheckoutService.Purchaser.Guest) purchaser).email());
    }

    static BuyerKey of(CustomerId customer) {
        return new BuyerKey("customer:" + customer.value());
    }

    private static BuyerKey guest(String email) {
        String key = "email:" + email;
        // pricing's keys are bounded; a longer address stands for itself by its hash
        return new BuyerKey(key.length() <= BuyerKey.MAX_LENGTH ? key
                : "email-sha256:" + IdempotentRequests.sha256(email));
    }
}
