package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CompositeType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.NaturalId;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import com.example.shop.pricing.DiscountCodeBelowMinimum;
import com.example.shop.pricing.DiscountCodeExpired;
import com.example.shop.pricing.DiscountCodeNotYetValid;
import com.example.shop.pricing.DiscountCodeUsedUp;
import com.example.shop.pricing.DiscountType;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/**
 * A discount code: what it takes off, from which subtotal, when, and how often in all and per buyer. Codes are
 * case-insensitive: one is stored in upper case and found by its upper-case spelling.
 * <p>
 * {@code times_used} is never written from here (neither inserted nor updated): only {@link DiscountLedger} changes
 * it, so an admin's edit cannot write back a count that a concurrent checkout moved. It is kept while the code has a
 * usage limit (the guard of that limit), and counted again whenever the code changes.
 */
@Entity
@Table(name = "pricing_discount_code")
class DiscountCode {

    @Id
    private UUID id;

    @NaturalId
    @Column(nullable = false, length = 40)
    private String code;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 20)
    private DiscountType type;

    /** PERCENTAGE: the percentage (0 < p <= 100). */
    @Column(precision = 6, scale = 3)
    private @Nullable BigDecimal percent;

    /** FIXED_AMOUNT: the amount off; it has a currency column of its own, null with it. */
    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "amount"))
    @AttributeOverride(name = "currency", column = @Column(name = "amount_currency", length = 3))
    private @Nullable Money amount;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "min_subtotal"))
    @AttributeOverride(name = "currency", column = @Column(name = "min_subtotal_currency", length = 3))
    private @Nullable Money minSubtotal;

    private @Nullable Instant startsAt;

    private @Nullable Instant endsAt;

    private @Nullable Integer usageLimit;

    private @Nullable Integer perCustomerLimit;

    @Column(insertable = false, updatable = false)
    private int timesUsed;

    private boolean active;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected DiscountCode() {
    }

    /** The canonical spelling of a code: codes are case-insensitive. */
    static String canonical(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    static DiscountCode create(DiscountCodeCommand command, Currency currency, Instant now) {
        DiscountCode discount = new DiscountCode();
        discount.id = UUID.randomUUID();
        discount.code = canonical(PricingLimits.code("code", command.code(), PricingLimits.DISCOUNT_CODE_PATTERN));
        discount.createdAt = now;
        discount.revise(command, currency, now);
        return discount;
    }

    /** Everything but the code and the uses changes. */
    void revise(DiscountCodeCommand command, Currency currency, Instant now) {
        if (command.type() == null) {
            throw new InvalidPricingField("type", "type is required: PERCENTAGE, FIXED_AMOUNT or FREE_SHIPPING");
        }
        BigDecimal value = command.value();
        BigDecimal newPercent = null;
        Money newAmount = null;
        switch (command.type()) {
            case PERCENTAGE -> newPercent = PricingLimits.percent("value", value, false);
            case FIXED_AMOUNT -> {
                if (value == null || value.stripTrailingZeros().scale() > 0) {
                    throw new InvalidPricingField("value", "value of a FIXED_AMOUNT code is a whole number of minor units");
                }
                long minor;
                try {
                    minor = value.longValueExact();
                } catch (ArithmeticException tooLarge) {
                    throw new InvalidPricingField("value", "value must be at most " + PricingLimits.MAX_AMOUNT + " minor units");
                }
                if (minor == 0) {
                    throw new InvalidPricingField("value", "value must be more than 0");
                }
                PricingLimits.currency("currency", command.currency(), currency);
                newAmount = new Money(PricingLimits.amount("value", minor), currency);
            }
            case FREE_SHIPPING -> {
                if (value != null && value.signum() != 0) {
                    throw new InvalidPricingField("value", "a FREE_SHIPPING code takes no value");
                }
            }
        }
        Instant starts = command.startsAt();
        Instant ends = command.endsAt();
        if (starts != null && ends != null && !ends.isAfter(starts)) {
            throw new InvalidPricingField("endsAt", "endsAt must be after startsAt");
        }
        Integer limit = command.usageLimit();
        if (limit != null && (limit < 1 || limit > PricingLimits.MAX_USAGE_LIMIT)) {
            throw new InvalidPricingField("usageLimit", "usageLimit must be 1 to " + PricingLimits.MAX_USAGE_LIMIT);
        }
        Integer perCustomer = command.perCustomerLimit();
        if (perCustomer != null && (perCustomer < 1 || perCustomer > PricingLimits.MAX_USAGE_LIMIT)) {
            throw new InvalidPricingField("perCustomerLimit",
                    "perCustomerLimit must be 1 to " + PricingLimits.MAX_USAGE_LIMIT);
        }
        Long minimum = command.minSubtotal();
        PricingLimits.currency("minSubtotal.currency", command.minSubtotalCurrency(), currency);
        type = command.type();
        percent = newPercent;
        amount = newAmount;
        minSubtotal = minimum == null ? null : new Money(PricingLimits.amount("minSubtotal", minimum), currency);
        startsAt = starts;
        endsAt = ends;
        usageLimit = limit;
        perCustomerLimit = perCustomer;
        active = command.active();
        updatedAt = now;
    }

    /**
     * Whether the code may be applied to a subtotal at {@code now}, as far as the code itself can tell (the buyer's
     * uses are the caller's to check).
     *
     * @throws com.example.shop.pricing.DiscountCodeRejected why not
     */
    void requireApplicable(String asSent, Money subtotal, Instant now) {
        if (startsAt != null && now.isBefore(startsAt)) {
            throw new DiscountCodeNotYetValid(asSent, startsAt);
        }
        if (endsAt != null && !now.isBefore(endsAt)) {
            throw new DiscountCodeExpired(asSent, endsAt);
        }
        if (minSubtotal != null && subtotal.compareTo(minSubtotal) < 0) {
            throw new DiscountCodeBelowMinimum(asSent, minSubtotal, subtotal);
        }
        if (usageLimit != null && timesUsed >= usageLimit) {
            throw new DiscountCodeUsedUp(asSent);
        }
    }

    PriceBreakdown.Discount discount() {
        return switch (type) {
            case PERCENTAGE -> new PriceBreakdown.Discount.Percentage(PricingLimits.plain(percent));
            case FIXED_AMOUNT -> new PriceBreakdown.Discount.Fixed(amount.amount());
            case FREE_SHIPPING -> new PriceBreakdown.Discount.FreeShipping();
        };
    }

    /** As an admin sees it, with the uses orders hold now. */
    DiscountCodeView view(int timesUsed) {
        BigDecimal value = switch (type) {
            case PERCENTAGE -> PricingLimits.plain(percent);
            case FIXED_AMOUNT -> BigDecimal.valueOf(amount.amount());
            case FREE_SHIPPING -> null;
        };
        return new DiscountCodeView(code, type, value, minSubtotal, startsAt, endsAt, usageLimit, perCustomerLimit,
                active, timesUsed, createdAt, updatedAt);
    }

    UUID id() {
        return id;
    }

    String code() {
        return code;
    }

    DiscountType type() {
        return type;
    }

    boolean active() {
        return active;
    }

    @Nullable
    Integer perCustomerLimit() {
        return perCustomerLimit;
    }

    boolean limited() {
        return usageLimit != null;
    }
}
