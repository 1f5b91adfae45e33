package com.example.shop.customers.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling: failed attempts allowed per e-mail and per client address, refilled evenly over
 * the period. A successful login gives its attempt back, so only failures count.
 *
 * @param perEmailAttempts    failures allowed per e-mail address within {@code perEmailPeriod}
 * @param perAddressAttempts  failures allowed per client address within {@code perAddressPeriod}
 */
@ConfigurationProperties("shop.security.login")
record LoginThrottleProperties(
        @DefaultValue("10") long perEmailAttempts,
        @DefaultValue("15m") Duration perEmailPeriod,
        @DefaultValue("100") long perAddressAttempts,
        @DefaultValue("10m") Duration perAddressPeriod) {

    LoginThrottleProperties {
        if (perEmailAttempts < 1 || perAddressAttempts < 1) {
            throw new IllegalArgumentException("shop.security.login.* limits must be positive");
        }
    }
}
