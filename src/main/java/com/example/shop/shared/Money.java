package com.example.shop.shared;

import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An amount of money in minor units (cents) of one ISO-4217 currency. Never a float.
 * <p>
 * Amounts in this shop are never negative: prices, totals and refunds are all zero or more,
 * so {@link #minus(Money)} refuses to go below zero instead of producing a debt.
 */
public record Money(long amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
    }

    public static Money of(long amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** Parses an ISO-4217 code strictly (upper case, known to the JDK). */
    public static Currency currency(String code) {
        Objects.requireNonNull(code, "currency");
        if (!code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an upper-case ISO-4217 code: " + code);
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency: " + code);
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        if (other.amount > amount) {
            throw new IllegalArgumentException(other + " is more than " + this);
        }
        return new Money(amount - other.amount, currency);
    }

    public Money times(long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
        return new Money(Math.multiplyExact(amount, quantity), currency);
    }

    @JsonIgnore
    public boolean isZero() {
        return amount == 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @JsonIgnore
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amount, other.amount);
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount + " " + currency.getCurrencyCode();
    }
}
