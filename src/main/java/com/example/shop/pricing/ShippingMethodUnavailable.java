package com.example.shop.pricing;

import java.util.Map;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * The chosen shipping method cannot be used: there is no active method of that code (never was, deleted or
 * deactivated since the client saw it), or it does not ship to the address's country.
 */
public class ShippingMethodUnavailable extends ShopException {

    public static final ErrorType TYPE = new ErrorType("shipping-method-unavailable", "Shipping method unavailable", 422);

    private final String reason;

    private ShippingMethodUnavailable(String detail, String reason) {
        super(TYPE, detail, "shippingMethod");
        this.reason = reason;
    }

    public static ShippingMethodUnavailable unknown(String code) {
        return new ShippingMethodUnavailable("There is no active shipping method '" + code + "'.", "unknown");
    }

    public static ShippingMethodUnavailable notTo(String code, CountryCode country) {
        return new ShippingMethodUnavailable("The shipping method '" + code + "' does not ship to " + country + ".",
                "does-not-ship-to-country");
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("reason", reason);
    }
}
