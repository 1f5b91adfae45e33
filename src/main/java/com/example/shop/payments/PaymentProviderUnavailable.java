package com.example.shop.payments;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * Stripe could not be reached, timed out or failed on its side; trying again later is safe. The message says
 * what happened, for the log; the client is only told to come back in half a minute.
 */
public class PaymentProviderUnavailable extends ShopException {

    /** How long a caller is asked to wait whenever Stripe is out of reach. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public PaymentProviderUnavailable(String message, @Nullable Throwable cause) {
        super(new ErrorType("payment-provider-unavailable", "Payment provider unavailable", 503), message, cause);
    }

    @Override
    public String detail() {
        return "The payment provider is not available right now; try again later.";
    }

    @Override
    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
