package com.example.shop;

import org.springframework.boot.SpringApplication;

/**
 * The zero-install dev run: {@code ./mvnw spring-boot:test-run}. Same application, plus the test-scope
 * pieces production never sees: an embedded MariaDB whose data survives restarts ({@code target/dev-db}),
 * a development JWT key, demo data, and a local Stripe stand-in when no {@code STRIPE_SECRET_KEY} is set.
 */
public class TestShopApplication {

    public static void main(String[] args) {
        SpringApplication.from(ShopApplication::main)
                .with(DevConfiguration.class)
                .withAdditionalProfiles("dev")
                .run(args);
    }
}
