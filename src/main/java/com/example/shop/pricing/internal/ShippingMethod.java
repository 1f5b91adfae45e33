package com.example.shop.pricing.internal;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CompositeType;
import org.jspecify.annotations.Nullable;

import com.example.shop.pricing.CountryCode;
import com.example.shop.pricing.ShippingOption;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/** A way goods travel: where it ships to, a flat price, optionally free from a subtotal on, and how long it takes. */
@Entity
@Table(name = "pricing_shipping_method")
class ShippingMethod {

    @Id
    private UUID id;

    @Column(nullable = false, length = 40)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "price", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "currency", nullable = false, length = 3))
    private Money price;

    /* Null when the method is never free; it has a currency column of its own, null with it. */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "free_above"))
    @AttributeOverride(name = "currency", column = @Column(name = "free_above_currency", length = 3))
    private @Nullable Money freeAbove;

    private @Nullable Integer estimatedDays;

    private boolean active;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "pricing_shipping_method_country", joinColumns = @JoinColumn(name = "method_id"))
    @Column(name = "country", length = 2, nullable = false)
    private Set<String> countries = new TreeSet<>();

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected ShippingMethod() {
    }

    static ShippingMethod create(ShippingMethodCommand command, Currency currency, Instant now) {
        ShippingMethod method = new ShippingMethod();
        method.id = UUID.randomUUID();
        method.code = PricingLimits.code("code", command.code(), PricingLimits.METHOD_CODE_PATTERN);
        method.createdAt = now;
        method.revise(command, currency, now);
        return method;
    }

    /** Everything but the code changes. */
    void revise(ShippingMethodCommand command, Currency currency, Instant now) {
        PricingLimits.currency("price.currency", command.priceCurrency(), currency);
        PricingLimits.currency("freeAbove.currency", command.freeAboveCurrency(), currency);
        Integer days = command.estimatedDays();
        if (days != null && (days < 0 || days > PricingLimits.MAX_ESTIMATED_DAYS)) {
            throw new InvalidPricingField("estimatedDays",
                    "estimatedDays must be 0 to " + PricingLimits.MAX_ESTIMATED_DAYS);
        }
        List<String> shipsTo = PricingLimits.countries("countries", command.countries());
        name = PricingLimits.text("name", command.name(), 200);
        price = new Money(PricingLimits.amount("price", command.price()), currency);
        Long threshold = command.freeAbove();
        freeAbove = threshold == null ? null : new Money(PricingLimits.amount("freeAbove", threshold), currency);
        estimatedDays = days;
        active = command.active();
        countries.clear();
        countries.addAll(shipsTo);
        updatedAt = now;
    }

    boolean shipsTo(CountryCode country) {
        return countries.contains(country.value());
    }

    PriceBreakdown.ShippingCharge charge() {
        return new PriceBreakdown.ShippingCharge(price.amount(), freeAbove == null ? null : freeAbove.amount());
    }

    ShippingOption optionFor(long subtotal) {
        return new ShippingOption(code, name, new Money(charge().priceFor(subtotal), price.currency()), freeAbove,
                estimatedDays);
    }

    ShippingMethodView view() {
        return new ShippingMethodView(code, name, List.copyOf(countries), price, freeAbove, estimatedDays, active,
                createdAt, updatedAt);
    }

    String code() {
        return code;
    }

    String name() {
        return name;
    }

    Money price() {
        return price;
    }

    @Nullable
    Integer estimatedDays() {
        return estimatedDays;
    }

    boolean active() {
        return active;
    }
}
