package com.example.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Shop API: one deployable, five business modules ({@code catalog}, {@code cart}, {@code orders},
 * {@code payments}, {@code customers}) plus a small shared kernel, kept apart by Spring Modulith.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
