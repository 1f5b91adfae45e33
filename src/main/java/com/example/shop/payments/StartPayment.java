package com.example.shop.payments;

import java.util.Objects;

import com.example.shop.shared.Money;

/** What it takes to start a payment: an opaque reference (the order id), what to charge, who pays. */
public record StartPayment(String reference, Money amount, String customerEmail) {

    public StartPayment {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(amount, "amount");
        if (reference.isBlank() || reference.length() > 100) {
            throw new IllegalArgumentException("reference must have 1 to 100 characters");
        }
        if (amount.isZero()) {
            throw new IllegalArgumentException("a payment needs an amount above zero");
        }
    }
}
