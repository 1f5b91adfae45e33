package com.example.shop.pricing;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** An ISO 3166-1 alpha-2 country code the JDK knows ({@code DE}, {@code GB}): where tax is due and goods ship to. */
public record CountryCode(String value) {

    private static final Set<String> KNOWN = Set.of(Locale.getISOCountries());

    public CountryCode {
        Objects.requireNonNull(value, "value");
        if (!KNOWN.contains(value)) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: " + value);
        }
    }

    /**
     * The code a client sent in {@code field}, exactly as sent (upper case, two letters).
     *
     * @throws UnknownCountry when it is not an ISO 3166-1 alpha-2 code the JDK knows
     */
    public static CountryCode parse(@Nullable String value, String field) {
        if (value == null || !KNOWN.contains(value)) {
            throw new UnknownCountry(field, value);
        }
        return new CountryCode(value);
    }

    public static boolean isKnown(@Nullable String value) {
        return value != null && KNOWN.contains(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
