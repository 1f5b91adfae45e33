package com.example.shop.payments;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Stripe refused the request (a declined card, an invalid request); trying again unchanged will not help. */
public class PaymentRejected extends ShopException {

    private final @Nullable String code;

    public PaymentRejected(String message, @Nullable String code, @Nullable Throwable cause) {
        super(new ErrorType("payment-rejected", "Payment rejected", 422), message, cause);
        this.code = code;
    }

    /** Stripe's error code ({@code card_declined}, {@code parameter_invalid_integer}, ...), if any. */
    public @Nullable String code() {
        return code;
    }

    /** Stripe's {@code code}, when it gave one, so that a storefront can say more than "rejected". */
    @Override
    public Map<String, Object> properties() {
        return code == null ? Map.of() : Map.of("code", code);
    }
}
