package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.example.shop.pricing.Quote;
import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/** The rounding rule of docs/pricing.md, with amounts that round up and amounts that round down. No Spring. */
class PriceBreakdownTests {

    static final Currency EUR = Currency.getInstance("EUR");

    static Quote price(long[] lines, PriceBreakdown.Discount discount, PriceBreakdown.@Nullable ShippingCharge shipping,
            @Nullable String rate, boolean taxIncluded) {
        return PriceBreakdown.compute(Arrays.stream(lines).mapToObj(amount -> new Money(amount, EUR)).toList(), EUR,
                discount, shipping, rate == null ? null : new BigDecimal(rate), taxIncluded, null, null);
    }

    static long[] amounts(List<Money> money) {
        return money.stream().mapToLong(Money::amount).toArray();
    }

    static long[] discounts(Quote quote) {
        return quote.lines().stream().mapToLong(line -> line.discount().amount()).toArray();
    }

    static long[] taxes(Quote quote) {
        return quote.lines().stream().mapToLong(line -> line.tax().amount()).toArray();
    }

    @Test
    void withNothingConfiguredTheTotalIsTheSubtotal() {
        Quote quote = price(new long[] { 2500, 499 }, PriceBreakdown.Discount.NONE, null, null, false);
        assertThat(quote.subtotal().amount()).isEqualTo(2999);
        assertThat(quote.discount().amount()).isZero();
        assertThat(quote.shipping().amount()).isZero();
        assertThat(quote.tax().amount()).isZero();
        assertThat(quote.total().amount()).isEqualTo(2999);
        assertThat(quote.taxRate()).isNull();
    }

    @Test
    void aPercentageIsTakenFromEachLineRoundedHalfUp() {
        // 10 % of 1005 = 100.5 -> 101 (up), of 1004 = 100.4 -> 100 (down), of 15 = 1.5 -> 2 (up), of 14 = 1.4 -> 1
        Quote quote = price(new long[] { 1005, 1004, 15, 14 },
                new PriceBreakdown.Discount.Percentage(new BigDecimal("10")), null, null, false);
        assertThat(discounts(quote)).containsExactly(101, 100, 2, 1);
        assertThat(quote.discount().amount()).isEqualTo(204);
        assertThat(quote.total().amount()).isEqualTo(2038 - 204);
    }

    @Test
    void aFractionalPercentageRoundsTheSameWay() {
        // 12.5 % of 1004 = 125.5 -> 126, of 1003 = 125.375 -> 125
        Quote quote = price(new long[] { 1004, 1003 },
                new PriceBreakdown.Discount.Percentage(new BigDecimal("12.5")), null, null, false);
        assertThat(discounts(quote)).containsExactly(126, 125);
    }

    @Test
    void taxIsChargedOnEachDiscountedLineAndOnShippingRoundedHalfUp() {
        // 19 % of 250 = 47.5 -> 48 (up), of 249 = 47.31 -> 47 (down), of 150 = 28.5 -> 29 (half up, not to the
        // even 28), of shipping 490 = 93.1 -> 93 (down)
        Quote quote = price(new long[] { 250, 249, 150 }, PriceBreakdown.Discount.NONE,
                new PriceBreakdown.ShippingCharge(490, null), "19", false);
        assertThat(taxes(quote)).containsExactly(48, 47, 29);
        assertThat(quote.tax().amount()).isEqualTo(48 + 47 + 29 + 93);
        assertThat(quote.shipping().amount()).isEqualTo(490);
        assertThat(quote.total().amount()).isEqualTo(649 + 490 + 217);
        assertThat(quote.taxRate()).isEqualTo("19");
        assertThat(quote.taxIncluded()).isFalse();
    }

    @Test
    void taxFollowsTheDiscountOfItsLine() {
        // 10 % off 1005 -> 904 (101 off), 19 % of 904 = 171.76 -> 172; off 1004 -> 904 (100 off), the same
        Quote quote = price(new long[] { 1005, 1004 }, new PriceBreakdown.Discount.Percentage(BigDecimal.TEN), null,
                "19", false);
        assertThat(discounts(quote)).containsExactly(101, 100);
        assertThat(taxes(quote)).containsExactly(172, 172);
        assertThat(quote.total().amount()).isEqualTo(2009 - 201 + 344);
    }

    @Test
    void aDecimalRateRoundsBothWays() {
        // 7.5 % of 333 = 24.975 -> 25, of 101 = 7.575 -> 8, of 99 = 7.425 -> 7, of 1000 = 75
        Quote quote = price(new long[] { 333, 101, 99, 1000 }, PriceBreakdown.Discount.NONE, null, "7.5", false);
        assertThat(taxes(quote)).containsExactly(25, 8, 7, 75);
        assertThat(quote.taxRate()).isEqualTo("7.5");
    }

    @Test
    void pricesIncludingTaxShowTheTaxInsideThemAndDoNotAddIt() {
        // 19/119 of 1190 = 190 exactly, of 1000 = 159.66 -> 160 (up), of 1003 = 160.14 -> 160 (down);
        // shipping 595: 95 exactly
        Quote quote = price(new long[] { 1190, 1000, 1003 }, PriceBreakdown.Discount.NONE,
                new PriceBreakdown.ShippingCharge(595, null), "19", true);
        assertThat(taxes(quote)).containsExactly(190, 160, 160);
        assertThat(quote.tax().amount()).isEqualTo(190 + 160 + 160 + 95);
        assertThat(quote.taxIncluded()).isTrue();
        assertThat(quote.total().amount()).isEqualTo(3193 + 595);
    }

    @Test
    void anIncludedHalfRoundsUp() {
        // at 100 %, half of every price is tax: 101 -> 50.5 -> 51, 100 -> 50
        Quote quote = price(new long[] { 101, 100 }, PriceBreakdown.Discount.NONE, null, "100", true);
        assertThat(taxes(quote)).containsExactly(51, 50);
    }

    @Test
    void aFixedAmountIsSpreadInProportionAndTheUnitLeftGoesToTheLargestRemainder() {
        // 500 over 333/333/334 (subtotal 1000): 166.5, 166.5 and 167 -> floors 166 + 166 + 167 = 499; the unit left
        // goes to a line with the largest remainder (0.5): the first, on a tie with the second
        Quote quote = price(new long[] { 333, 333, 334 }, new PriceBreakdown.Discount.Fixed(500), null, null, false);
        assertThat(discounts(quote)).containsExactly(167, 166, 167);
        assertThat(quote.discount().amount()).isEqualTo(500);
        Quote uneven = price(new long[] { 1000, 1000, 1002 }, new PriceBreakdown.Discount.Fixed(1001), null, null, false);
        // 1001 x 1000 / 3002 = 333.44 (x2), 1001 x 1002 / 3002 = 334.11: floors 333+333+334 = 1000, the unit left
        // goes to the largest remainder (0.44 on the first two lines, 0.11 on the third): the first line, on a tie
        assertThat(discounts(uneven)).containsExactly(334, 333, 334);
        assertThat(uneven.discount().amount()).isEqualTo(1001);
    }

    @Test
    void aFixedAmountSpreadEvenlyGivesTheLeftoverToTheEarlierLineOnATie() {
        Quote quote = price(new long[] { 100, 100, 100 }, new PriceBreakdown.Discount.Fixed(1000), null, null, false);
        // capped at the subtotal 300: 100 each
        assertThat(discounts(quote)).containsExactly(100, 100, 100);
        Quote thirds = price(new long[] { 300, 300, 300 }, new PriceBreakdown.Discount.Fixed(100), null, null, false);
        assertThat(discounts(thirds)).containsExactly(34, 33, 33);
    }

    @Test
    void aFixedAmountNeverMakesATotalNegative() {
        Quote quote = price(new long[] { 1200, 300 }, new PriceBreakdown.Discount.Fixed(5000),
                new PriceBreakdown.ShippingCharge(490, null), "19", false);
        assertThat(quote.discount().amount()).isEqualTo(1500);
        assertThat(taxes(quote)).containsExactly(0, 0);
        assertThat(quote.total().amount()).isEqualTo(490 + 93);
    }

    @Test
    void shippingIsFreeFromItsThresholdOnAndWithAFreeShippingCode() {
        PriceBreakdown.ShippingCharge standard = new PriceBreakdown.ShippingCharge(490, 5000L);
        assertThat(price(new long[] { 4999 }, PriceBreakdown.Discount.NONE, standard, null, false).shipping().amount())
                .isEqualTo(490);
        assertThat(price(new long[] { 5000 }, PriceBreakdown.Discount.NONE, standard, null, false).shipping().amount())
                .isZero();
        // the threshold looks at the subtotal before the discount
        assertThat(price(new long[] { 5000 }, new PriceBreakdown.Discount.Fixed(1000), standard, null, false)
                .shipping().amount()).isZero();
        Quote free = price(new long[] { 100 }, new PriceBreakdown.Discount.FreeShipping(), standard, "19", false);
        assertThat(free.shipping().amount()).isZero();
        assertThat(free.discount().amount()).isZero();
        assertThat(free.total().amount()).isEqualTo(100 + 19);
    }

    @Test
    void everyBreakdownAddsUpAndEveryPartStaysInItsBounds() {
        Random random = new Random(14);
        for (int run = 0; run < 2000; run++) {
            long[] lines = random.longs(1 + random.nextInt(6), 0, 2_000_000).toArray();
            PriceBreakdown.Discount discount = switch (random.nextInt(4)) {
                case 0 -> PriceBreakdown.Discount.NONE;
                case 1 -> new PriceBreakdown.Discount.Percentage(BigDecimal.valueOf(1 + random.nextInt(100_000), 3));
                case 2 -> new PriceBreakdown.Discount.Fixed(1 + random.nextInt(5_000_000));
                default -> new PriceBreakdown.Discount.FreeShipping();
            };
            String rate = random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(30_001), 3).toPlainString();
            boolean included = random.nextBoolean();
            Quote quote = price(lines, discount, new PriceBreakdown.ShippingCharge(random.nextInt(2000), null), rate,
                    included);

            assertThat(quote.subtotal().amount()).isEqualTo(Arrays.stream(lines).sum());
            assertThat(Arrays.stream(discounts(quote)).sum()).isEqualTo(quote.discount().amount());
            assertThat(quote.discount().amount()).isLessThanOrEqualTo(quote.subtotal().amount());
            for (int i = 0; i < lines.length; i++) {
                assertThat(discounts(quote)[i]).isBetween(0L, lines[i]);
            }
            if (discount instanceof PriceBreakdown.Discount.Fixed fixed) {
                assertThat(quote.discount().amount()).isEqualTo(Math.min(fixed.amount(), quote.subtotal().amount()));
            }
            long taxOfShipping = quote.tax().amount() - Arrays.stream(taxes(quote)).sum();
            assertThat(taxOfShipping).isBetween(0L, quote.shipping().amount());
            assertThat(quote.total().amount()).isEqualTo(quote.subtotal().amount() - quote.discount().amount()
                    + quote.shipping().amount() + (included ? 0 : quote.tax().amount()));
            assertThat(quote.total().amount()).isNotNegative();
        }
    }
}
