package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import com.example.shop.pricing.Quote;
import com.example.shop.shared.Money;

/**
 * The arithmetic of a breakdown, and the only copy of it: the quote, the checkout and so the order are all
 * computed here. Amounts are minor units ({@code long}); rates and percentages are {@link BigDecimal}s used for the
 * multiplication and the one rounding of each part, never for a stored amount. The rule ({@code docs/pricing.md}):
 * <ul>
 * <li>a percentage discount is taken from each line: {@code round_half_up(line x pct / 100)};</li>
 * <li>a fixed discount is capped at the subtotal and spread over the lines in proportion to their amounts by the
 * largest-remainder method (whole units by floor division, the units left over to the lines with the largest
 * remainders, the earlier line first on a tie), so the parts add up to the discount exactly;</li>
 * <li>shipping is the method's price, zero when the subtotal (before any discount) is at least its
 * {@code freeAbove}, and zero with a free-shipping code;</li>
 * <li>tax is {@code round_half_up(discounted line x rate / 100)} per line plus the same for shipping, added to the
 * total; where prices include tax it is {@code round_half_up(amount x rate / (100 + rate))} per line and for
 * shipping, and is shown, not added.</li>
 * </ul>
 * No part rounds twice, and the total is always the sum of the parts shown.
 */
final class PriceBreakdown {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The discount a code gives, as the arithmetic needs it. */
    sealed interface Discount {

        Discount NONE = new None();

        record None() implements Discount {
        }

        /** {@code percent} of every line, 0 to 100. */
        record Percentage(BigDecimal percent) implements Discount {
        }

        /** {@code amount} minor units off the lines, at most their subtotal. */
        record Fixed(long amount) implements Discount {
        }

        record FreeShipping() implements Discount {
        }
    }

    /** A shipping method's price rule: {@code price}, or nothing from a subtotal of {@code freeAbove} on. */
    record ShippingCharge(long price, @Nullable Long freeAbove) {

        long priceFor(long subtotal) {
            return freeAbove != null && subtotal >= freeAbove ? 0 : price;
        }
    }

    private PriceBreakdown() {
    }

    /**
     * @param lines       the line amounts, in order, all in {@code currency}
     * @param shipping    the chosen method's price rule; null when no method applies
     * @param rate        the country's tax rate in percent; null when it has none
     * @param taxIncluded whether prices (lines and shipping) include tax
     */
    static Quote compute(List<Money> lines, Currency currency, Discount discount, @Nullable ShippingCharge shipping,
            @Nullable BigDecimal rate, boolean taxIncluded, Quote.@Nullable Shipping method,
            Quote.@Nullable AppliedCode code) {
        long[] amounts = lines.stream().mapToLong(line -> sameCurrency(line, currency).amount()).toArray();
        long subtotal = sum(amounts);
        long[] discounts;
        if (discount instanceof Discount.Percentage percentage) {
            discounts = percentOff(amounts, percentage.percent());
        } else if (discount instanceof Discount.Fixed fixed) {
            discounts = spread(Math.min(fixed.amount(), subtotal), amounts, subtotal);
        } else {
            discounts = new long[amounts.length];
        }
        long shippingAmount = shipping == null || discount instanceof Discount.FreeShipping ? 0
                : shipping.priceFor(subtotal);
        long[] taxes = new long[amounts.length];
        long tax = 0;
        if (rate != null) {
            for (int i = 0; i < amounts.length; i++) {
                taxes[i] = taxOf(amounts[i] - discounts[i], rate, taxIncluded);
                tax = Math.addExact(tax, taxes[i]);
            }
            tax = Math.addExact(tax, taxOf(shippingAmount, rate, taxIncluded));
        }
        long discountTotal = sum(discounts);
        long total = Math.addExact(subtotal - discountTotal, Math.addExact(shippingAmount, taxIncluded ? 0 : tax));
        List<Quote.Line> priced = new ArrayList<>(amounts.length);
        for (int i = 0; i < amounts.length; i++) {
            priced.add(new Quote.Line(new Money(amounts[i], currency), new Money(discounts[i], currency),
                    new Money(taxes[i], currency)));
        }
        return new Quote(priced, new Money(subtotal, currency), new Money(discountTotal, currency),
                new Money(shippingAmount, currency), new Money(tax, currency), taxIncluded, new Money(total, currency),
                method, code, rate == null ? null : rate.stripTrailingZeros().toPlainString());
    }

    /** {@code round_half_up(amount x rate / 100)}, or where prices include tax {@code round_half_up(amount x rate / (100 + rate))}. */
    static long taxOf(long amount, BigDecimal rate, boolean taxIncluded) {
        BigDecimal divisor = taxIncluded ? HUNDRED.add(rate) : HUNDRED;
        return BigDecimal.valueOf(amount).multiply(rate).divide(divisor, 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long[] percentOff(long[] amounts, BigDecimal percent) {
        long[] off = new long[amounts.length];
        for (int i = 0; i < amounts.length; i++) {
            off[i] = BigDecimal.valueOf(amounts[i]).multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP)
                    .longValueExact();
        }
        return off;
    }

    /**
     * {@code total} spread over the lines in proportion to {@code amounts} (largest remainder): every line gets
     * {@code floor(total x amount / subtotal)}, and the units still missing go one each to the lines with the
     * largest remainders of that division, the earlier line first on a tie.
     */
    static long[] spread(long total, long[] amounts, long subtotal) {
        long[] parts = new long[amounts.length];
        if (total == 0 || subtotal == 0) {
            return parts;
        }
        BigInteger whole = BigInteger.valueOf(subtotal);
        BigInteger[] remainders = new BigInteger[amounts.length];
        long given = 0;
        for (int i = 0; i < amounts.length; i++) {
            BigInteger[] division = BigInteger.valueOf(total).multiply(BigInteger.valueOf(amounts[i]))
                    .divideAndRemainder(whole);
            parts[i] = division[0].longValueExact();
            remainders[i] = division[1];
            given += parts[i];
        }
        long left = total - given; // fewer than the number of lines
        int[] byRemainder = IntStream.range(0, amounts.length).boxed()
                .sorted(Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
                        .thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; k < left; k++) {
            parts[byRemainder[k]]++;
        }
        return parts;
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum = Math.addExact(sum, value);
        }
        return sum;
    }

    private static Money sameCurrency(Money money, Currency currency) {
        if (!money.currency().equals(currency)) {
            throw new IllegalArgumentException("a line in " + money.currencyCode() + " in a shop that sells in "
                    + currency.getCurrencyCode());
        }
        return money;
    }
}
