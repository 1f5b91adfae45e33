package com.example.shop.payments;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * A refund asked for more than can be refunded (captured, minus already refunded, minus what refunds in
 * flight hold), or for nothing; or Stripe itself refused it as too large ({@code amount_too_large},
 * {@code charge_already_refunded}: it knew of a refund made elsewhere that this system had not heard of yet).
 */
public class RefundNotPossible extends ShopException {

    private static final ErrorType TYPE = new ErrorType("refund-not-possible", "Refund not possible", 409);

    public RefundNotPossible(String message) {
        super(TYPE, message);
    }

    public RefundNotPossible(String message, Throwable cause) {
        super(TYPE, message, cause);
    }
}
