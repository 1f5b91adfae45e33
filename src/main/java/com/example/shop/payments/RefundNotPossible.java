package com.example.shop.payments;

/** A refund asked for more than can be refunded (captured minus already refunded), or for nothing. */
public class RefundNotPossible extends RuntimeException {

    public RefundNotPossible(String message) {
        super(message);
    }
}
