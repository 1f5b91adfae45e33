package com.example.shop.pricing;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/**
 * What is to be priced: the amounts of the lines (each a line total at current prices, in the caller's order),
 * the country goods ship to and tax is due in, the chosen shipping method and discount code as the client sent
 * them (null when none), and the buyer (null when unknown: per-buyer limits are then checked only when a use is
 * claimed).
 */
public record QuoteRequest(List<Money> lines, CountryCode country, @Nullable String shippingMethod,
        @Nullable String discountCode, @Nullable BuyerKey buyer) {

    public QuoteRequest {
        lines = List.copyOf(lines);
        Objects.requireNonNull(country, "country");
    }
}
