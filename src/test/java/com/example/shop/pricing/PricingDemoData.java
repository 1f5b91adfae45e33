package com.example.shop.pricing;

import java.math.BigDecimal;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.example.shop.pricing.internal.DiscountCodeCommand;
import com.example.shop.pricing.internal.NotFound;
import com.example.shop.pricing.internal.PricingAdminService;
import com.example.shop.pricing.internal.ShippingMethodCommand;

/**
 * The dev run's prices beyond the catalog, for the demo country DE: two shipping methods ({@code standard}, 4.90,
 * free from 50.00, 3 days, also to AT; {@code express}, 9.90, 1 day), a 19 % tax rate, and the code
 * {@code WELCOME10} (10 % off, no limit). Each is made through the administration service the admin API uses, when
 * it is missing, so an older dev database gets them too. Test scope: it never reaches the production jar.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PricingDemoData {

    public static final String COUNTRY = "DE";
    public static final String STANDARD = "standard";
    public static final String EXPRESS = "express";
    public static final String CODE = "WELCOME10";

    private static final Logger log = LoggerFactory.getLogger(PricingDemoData.class);

    @Bean
    ApplicationRunner pricingDemoData(PricingAdminService admin) {
        return args -> {
            int made = 0;
            if (missing(() -> admin.shippingMethod(STANDARD))) {
                admin.createShippingMethod(new ShippingMethodCommand(STANDARD, "Standard delivery", List.of("DE", "AT"),
                        490, null, 5000L, null, 3, true));
                made++;
            }
            if (missing(() -> admin.shippingMethod(EXPRESS))) {
                admin.createShippingMethod(new ShippingMethodCommand(EXPRESS, "Express delivery", List.of("DE"), 990, null,
                        null, null, 1, true));
                made++;
            }
            if (missing(() -> admin.taxRate(new CountryCode(COUNTRY)))) {
                admin.setTaxRate(new CountryCode(COUNTRY), new BigDecimal("19"));
                made++;
            }
            if (missing(() -> admin.discountCode(CODE))) {
                admin.createDiscountCode(new DiscountCodeCommand(CODE, DiscountType.PERCENTAGE, BigDecimal.TEN, null, null,
                        null, null, null, null, null, true));
                made++;
            }
            if (made > 0) {
                log.info("Loaded demo pricing: {} of the shipping methods {} and {}, the {} tax rate and the code {}", made,
                        STANDARD, EXPRESS, COUNTRY, CODE);
            }
        };
    }

    private static boolean missing(Runnable lookup) {
        try {
            lookup.run();
            return false;
        } catch (NotFound notFound) {
            return true;
        }
    }
}
