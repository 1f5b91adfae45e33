package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Currency;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.example.shop.pricing.CountryCode;
import com.example.shop.pricing.UnknownCountry;

/**
 * The bounds of what an admin may configure, checked where the values enter the model (the web layer checks the
 * same bounds first, so most bad input is refused before it gets here).
 */
public final class PricingLimits {

    /** The highest amount a price, threshold or fixed discount may have, in minor units (as the catalog's prices). */
    public static final long MAX_AMOUNT = 9_999_999_999L;

    /** The longest delivery estimate, in days. */
    public static final int MAX_ESTIMATED_DAYS = 365;

    public static final int MAX_USAGE_LIMIT = 1_000_000_000;

    /** Rates and percentages: 0 to 100 with at most this many decimals. */
    public static final int RATE_SCALE = 3;

    public static final String METHOD_CODE_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public static final String DISCOUNT_CODE_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]*$";

    public static final int MAX_CODE_LENGTH = 40;

    private PricingLimits() {
    }

    static long amount(String field, long amount) {
        if (amount < 0) {
            throw new InvalidPricingField(field, field + " must not be negative");
        }
        if (amount > MAX_AMOUNT) {
            throw new InvalidPricingField(field, field + " must be at most " + MAX_AMOUNT + " minor units");
        }
        return amount;
    }

    static void currency(String field, @Nullable String currency, Currency shopCurrency) {
        if (currency != null && !currency.equals(shopCurrency.getCurrencyCode())) {
            throw new InvalidPricingField(field, "the shop sells in " + shopCurrency.getCurrencyCode()
                    + "; amounts in " + currency + " are not accepted");
        }
    }

    /** A percentage or rate: more than {@code min} (0 itself allowed when {@code zeroAllowed}), at most 100. */
    static BigDecimal percent(String field, @Nullable BigDecimal value, boolean zeroAllowed) {
        if (value == null) {
            throw new InvalidPricingField(field, field + " is required");
        }
        if (value.signum() < 0 || (!zeroAllowed && value.signum() == 0)) {
            throw new InvalidPricingField(field, field + (zeroAllowed ? " must not be negative" : " must be more than 0"));
        }
        if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidPricingField(field, field + " must be at most 100 (percent)");
        }
        BigDecimal plain = plain(value);
        if (plain.scale() > RATE_SCALE) {
            throw new InvalidPricingField(field, field + " may have at most " + RATE_SCALE + " decimals");
        }
        return plain;
    }

    /** {@code 19.000} as {@code 19}, {@code 7.50} as {@code 7.5}; never in exponent notation. */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static List<String> countries(String field, @Nullable Collection<String> countries) {
        if (countries == null || countries.isEmpty()) {
            throw new InvalidPricingField(field, field + " must name at least one country");
        }
        int i = 0;
        for (String country : countries) {
            if (!CountryCode.isKnown(country)) {
                throw new UnknownCountry(field + "[" + i + "]", country);
            }
            i++;
        }
        return countries.stream().distinct().sorted().toList();
    }

    static String text(String field, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidPricingField(field, field + " must not be blank");
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidPricingField(field, field + " must be at most " + maxLength + " characters");
        }
        return stripped;
    }

    static String code(String field, @Nullable String code, String pattern) {
        if (code == null || code.length() > MAX_CODE_LENGTH || !code.matches(pattern)) {
            throw new InvalidPricingField(field, field + " must be 1 to " + MAX_CODE_LENGTH
                    + " letters, digits" + (pattern.equals(METHOD_CODE_PATTERN) ? " and '-' (lower case)" : ", '-' and '_'"));
        }
        return code;
    }
}
