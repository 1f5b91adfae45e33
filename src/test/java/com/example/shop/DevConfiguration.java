package com.example.shop;

import org.springframework.boot.test.context.TestConfiguration;

/** The dev run's extra beans (demo data, Stripe stand-in); only {@link TestShopApplication} imports it. */
@TestConfiguration(proxyBeanMethods = false)
class DevConfiguration {
}
