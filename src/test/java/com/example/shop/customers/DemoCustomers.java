package com.example.shop.customers;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.example.shop.customers.internal.AccountService;
import com.example.shop.customers.internal.EmailAlreadyRegistered;

/**
 * The dev run's demo customer {@code customer@shop.test} / {@code customer-password}. The demo
 * administrator ({@code admin@shop.test} / {@code admin-password}) comes from application-dev.properties
 * through the same start-up path production uses.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoCustomers {

    public static final String EMAIL = "customer@shop.test";
    public static final String PASSWORD = "customer-password";

    @Bean
    ApplicationRunner demoCustomer(AccountService accounts) {
        return args -> {
            try {
                accounts.register(EMAIL, PASSWORD, "Demo Customer", "localhost");
            } catch (EmailAlreadyRegistered alreadyThere) {
                // created by an earlier run; the dev database survives restarts
            }
        };
    }
}
