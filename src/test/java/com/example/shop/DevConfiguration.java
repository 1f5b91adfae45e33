package com.example.shop;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import com.example.shop.catalog.CatalogDemoData;
import com.example.shop.customers.DemoCustomers;
import com.example.shop.notifications.DevMailConfiguration;
import com.example.shop.payments.StripeDevConfiguration;
import com.example.shop.pricing.PricingDemoData;

/** The dev run's extra beans (demo data, Stripe stand-in, captured mail); only {@link TestShopApplication} imports it. */
@TestConfiguration(proxyBeanMethods = false)
@Import({ CatalogDemoData.class, DemoCustomers.class, PricingDemoData.class, StripeDevConfiguration.class,
        DevMailConfiguration.class })
class DevConfiguration {
}
