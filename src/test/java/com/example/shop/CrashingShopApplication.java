package com.example.shop;

import org.springframework.boot.SpringApplication;

import com.example.shop.faults.CrashPoint;

/**
 * The dev run ({@link TestShopApplication}) with a {@link CrashPoint}: {@code faults/crash.sh} starts it to halt the
 * JVM, as {@code kill -9} would, at one chosen moment, then starts it again. Test scope only: the production jar
 * never carries it.
 */
public class CrashingShopApplication {

    public static void main(String[] args) {
        SpringApplication.from(ShopApplication::main)
                .with(DevConfiguration.class, CrashPoint.class)
                .withAdditionalProfiles("dev")
                .run(args);
    }
}
