package com.example.shop.pricing;

import java.util.List;
import java.util.Map;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/** Active shipping methods ship to the address's country, and none was chosen: the answer lists them. */
public class ShippingMethodRequired extends ShopException {

    public static final ErrorType TYPE = new ErrorType("shipping-method-required", "Shipping method required", 422);

    private final List<String> available;

    public ShippingMethodRequired(CountryCode country, List<String> available) {
        super(TYPE, "Choose a shipping method for " + country + ": " + String.join(", ", available) + ".",
                "shippingMethod");
        this.available = List.copyOf(available);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("available", available);
    }
}
