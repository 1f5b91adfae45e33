package com.example.shop.pricing.internal;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.example.shop.pricing.CountryCode;

/** The tax rate of one country, in percent (0 to 100, at most three decimals). */
@Entity
@Table(name = "pricing_tax_rate")
class TaxRate {

    @Id
    @Column(length = 2)
    private String country;

    @Column(nullable = false, precision = 6, scale = 3)
    private BigDecimal rate;

    private Instant updatedAt;

    protected TaxRate() {
    }

    TaxRate(CountryCode country, BigDecimal rate, Instant now) {
        this.country = country.value();
        change(rate, now);
    }

    void change(BigDecimal newRate, Instant now) {
        rate = PricingLimits.percent("rate", newRate, true);
        updatedAt = now;
    }

    BigDecimal rate() {
        return PricingLimits.plain(rate);
    }

    TaxRateView view() {
        return new TaxRateView(country, rate().toPlainString(), updatedAt);
    }
}
