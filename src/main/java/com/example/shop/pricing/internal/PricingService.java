package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.pricing.BuyerKey;
import com.example.shop.pricing.CountryCode;
import com.example.shop.pricing.DiscountCodeExpired;
import com.example.shop.pricing.DiscountCodeLimitReached;
import com.example.shop.pricing.DiscountCodeNotYetValid;
import com.example.shop.pricing.DiscountCodeRanOut;
import com.example.shop.pricing.DiscountCodeUnknown;
import com.example.shop.pricing.Pricing;
import com.example.shop.pricing.Quote;
import com.example.shop.pricing.QuoteRequest;
import com.example.shop.pricing.ShippingMethodRequired;
import com.example.shop.pricing.ShippingMethodUnavailable;
import com.example.shop.pricing.ShippingOption;
import com.example.shop.shared.Money;

/**
 * Prices orders: looks up the shipping method, the tax rate and the discount code a request names, checks that
 * each applies, and hands the numbers to {@link PriceBreakdown}, which does all of the arithmetic. Claims and
 * releases of code uses go through {@link DiscountLedger}.
 * <p>
 * Shipping: once an active method ships to a country, an order to that country must choose one of them; a
 * country no active method ships to is priced without shipping (as a shop with no methods at all).
 */
@Service
public class PricingService implements Pricing {

    private final ShippingMethods methods;
    private final TaxRates taxRates;
    private final DiscountCodes codes;
    private final DiscountLedger ledger;
    private final Currency currency;
    private final boolean pricesIncludeTax;
    private final Clock clock = Clock.systemUTC();

    PricingService(ShippingMethods methods, TaxRates taxRates, DiscountCodes codes, DiscountLedger ledger,
            @Value("${shop.currency:EUR}") String currency,
            @Value("${shop.tax.prices-include-tax:false}") boolean pricesIncludeTax) {
        this.methods = methods;
        this.taxRates = taxRates;
        this.codes = codes;
        this.ledger = ledger;
        this.currency = Money.currency(currency);
        this.pricesIncludeTax = pricesIncludeTax;
    }

    @Override
    @Transactional
    public Quote quote(QuoteRequest request) {
        Money subtotal = request.lines().stream().reduce(Money.zero(currency), Money::plus);
        ShippingMethod method = shippingMethod(request.country(), request.shippingMethod());
        DiscountCode code = discountCode(request.discountCode(), subtotal, request.buyer());
        BigDecimal rate = taxRates.findById(request.country().value()).map(TaxRate::rate).orElse(null);
        return PriceBreakdown.compute(request.lines(), currency,
                code == null ? PriceBreakdown.Discount.NONE : code.discount(),
                method == null ? null : method.charge(), rate, pricesIncludeTax,
                method == null ? null : new Quote.Shipping(method.code(), method.name(), method.estimatedDays()),
                code == null ? null : new Quote.AppliedCode(code.code(), code.type()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<ShippingOption> shippingOptions(CountryCode country, @Nullable Money subtotal) {
        long amount = subtotal == null ? 0 : subtotal.amount();
        return methods.findActiveShippingTo(country.value()).stream()
                .map(method -> method.optionFor(subtotal == null ? -1 : amount))
                .sorted(Comparator.comparing((ShippingOption option) -> option.price().amount())
                        .thenComparing(ShippingOption::code))
                .toList();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void claimDiscount(Quote quote, String reference, BuyerKey buyer) {
        Quote.AppliedCode applied = quote.discountCode();
        if (applied == null) {
            return;
        }
        DiscountCode code = codes.findByCode(applied.code()).orElseThrow(() -> new DiscountCodeUnknown(applied.code()));
        Instant now = clock.instant();
        DiscountLedger.Claim claim = ledger.claim(code.id(), reference, buyer.value(), now, code.limited());
        switch (claim.outcome()) {
            case CLAIMED -> {
            }
            case GONE -> throw new DiscountCodeUnknown(applied.code());
            case NOT_YET_VALID -> throw new DiscountCodeNotYetValid(applied.code(), Objects.requireNonNull(claim.startsAt()));
            case EXPIRED -> throw new DiscountCodeExpired(applied.code(), Objects.requireNonNull(claim.endsAt()));
            case USED_UP -> throw DiscountCodeRanOut.usageLimit(applied.code());
            case BUYER_LIMIT_REACHED -> throw DiscountCodeRanOut.perCustomerLimit(applied.code());
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean releaseDiscount(String reference) {
        return ledger.release(reference, clock.instant());
    }

    /** The method the request chose, checked; null when none applies (and none is required). */
    private @Nullable ShippingMethod shippingMethod(CountryCode country, @Nullable String chosen) {
        if (chosen == null) {
            List<String> offered = methods.findActiveShippingTo(country.value()).stream().map(ShippingMethod::code)
                    .sorted().toList();
            if (!offered.isEmpty()) {
                throw new ShippingMethodRequired(country, offered);
            }
            return null;
        }
        ShippingMethod method = methods.findByCode(chosen).filter(ShippingMethod::active)
                .orElseThrow(() -> ShippingMethodUnavailable.unknown(chosen));
        if (!method.shipsTo(country)) {
            throw ShippingMethodUnavailable.notTo(chosen, country);
        }
        return method;
    }

    /** The code the request named, checked against the subtotal, now and the buyer's uses; null for none. */
    private @Nullable DiscountCode discountCode(@Nullable String asSent, Money subtotal, @Nullable BuyerKey buyer) {
        if (asSent == null) {
            return null;
        }
        DiscountCode code = Optional.of(asSent).map(DiscountCode::canonical).flatMap(codes::findByCode)
                .filter(DiscountCode::active)
                .orElseThrow(() -> new DiscountCodeUnknown(asSent));
        code.requireApplicable(asSent, subtotal, clock.instant());
        Integer perCustomer = code.perCustomerLimit();
        if (perCustomer != null && buyer != null && ledger.usesBy(code.id(), buyer.value()) >= perCustomer) {
            throw new DiscountCodeLimitReached(asSent);
        }
        return code;
    }
}
