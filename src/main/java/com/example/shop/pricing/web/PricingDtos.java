package com.example.shop.pricing.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import com.example.shop.pricing.DiscountType;
import com.example.shop.pricing.internal.PricingLimits;
import com.example.shop.shared.Money;

/** Pricing administration's JSON shapes, in and out. */
final class PricingDtos {

    private PricingDtos() {
    }

    static final String COUNTRY_PATTERN = "^[A-Z]{2}$";
    static final String COUNTRY_MESSAGE = "must be an ISO 3166-1 alpha-2 code such as DE";
    static final String RATE_PATTERN = "^\\d{1,3}(\\.\\d{1,3})?$";

    /**
     * An amount as sent by an admin: {@code {"amount": 499, "currency": "EUR"}} (currency optional, it must be the
     * shop's), or just the amount in minor units, {@code 499}.
     */
    @Schema(description = "Minor units, as {\"amount\": 499, \"currency\": \"EUR\"} or just 499; the currency, when given, must be the shop's")
    record AmountRequest(
            @NotNull @PositiveOrZero @Max(PricingLimits.MAX_AMOUNT) Long amount,
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO-4217 code such as EUR") String currency) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        AmountRequest(@JsonProperty("amount") Long amount, @JsonProperty("currency") String currency) {
            this.amount = amount;
            this.currency = currency;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static AmountRequest ofAmount(long amount) {
            return new AmountRequest(amount, null);
        }
    }

    /** A shipping method; on update {@code code} may be left out (it cannot change). {@code active} defaults to true. */
    record ShippingMethodRequest(
            @Schema(example = "standard", description = "Lower-case letters, digits and '-'")
            @Size(max = PricingLimits.MAX_CODE_LENGTH) @Pattern(regexp = PricingLimits.METHOD_CODE_PATTERN, message = "lower-case letters, digits and '-' only") String code,
            @Schema(example = "Standard delivery") @NotBlank @Size(max = 200) String name,
            @Schema(example = "[\"DE\", \"AT\"]") @NotNull @Size(min = 1, max = 250) List<@NotNull @Pattern(regexp = COUNTRY_PATTERN, message = COUNTRY_MESSAGE) String> countries,
            @NotNull @Valid AmountRequest price,
            @Schema(description = "Shipping is free when the subtotal (before any discount) is at least this much")
            @Valid AmountRequest freeAbove,
            @Schema(example = "3") @Min(0) @Max(PricingLimits.MAX_ESTIMATED_DAYS) Integer estimatedDays,
            Boolean active) {
    }

    record ShippingMethodResponse(String code, String name, List<String> countries, Money price,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Money freeAbove,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer estimatedDays, boolean active,
            Instant createdAt, Instant updatedAt) {
    }

    /** A country's rate; {@code country} may be left out (the path names it). */
    record TaxRateRequest(
            @Schema(example = "DE") @Pattern(regexp = COUNTRY_PATTERN, message = COUNTRY_MESSAGE) String country,
            @Schema(example = "19", description = "Percent as a decimal string, 0 to 100, at most three decimals")
            @NotBlank @Pattern(regexp = RATE_PATTERN, message = "must be a percentage such as \"19\" or \"7.5\"") String rate) {
    }

    record TaxRateResponse(String country, String rate, Instant updatedAt) {
    }

    /**
     * A discount code; on update {@code code} may be left out (it cannot change). {@code active} defaults to true.
     */
    record DiscountCodeRequest(
            @Schema(example = "SUMMER10", description = "Letters, digits, '-' and '_'; case-insensitive")
            @Size(max = PricingLimits.MAX_CODE_LENGTH) @Pattern(regexp = PricingLimits.DISCOUNT_CODE_PATTERN, message = "letters, digits, '-' and '_' only") String code,
            @NotNull DiscountType type,
            @Schema(example = "10", description = "PERCENTAGE: the percentage (more than 0, at most 100, up to three decimals); "
                    + "FIXED_AMOUNT: minor units of the shop currency; FREE_SHIPPING: none")
            BigDecimal value,
            @Valid AmountRequest minSubtotal,
            Instant startsAt,
            Instant endsAt,
            @Min(1) @Max(PricingLimits.MAX_USAGE_LIMIT) Integer usageLimit,
            @Min(1) @Max(PricingLimits.MAX_USAGE_LIMIT) Integer perCustomerLimit,
            Boolean active) {
    }

    record DiscountCodeResponse(String code, DiscountType type,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable BigDecimal value,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Money minSubtotal,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant startsAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Instant endsAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer usageLimit,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer perCustomerLimit,
            boolean active, int timesUsed, Instant createdAt, Instant updatedAt) {
    }
}
