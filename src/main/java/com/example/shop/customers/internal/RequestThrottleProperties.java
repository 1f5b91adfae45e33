package com.example.shop.customers.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on the anonymous requests that cost a bcrypt hash or send mail, refilled evenly over their
 * period. Generous for people, tight for scripts.
 *
 * @param registrationsPerAddress       registrations per client address within {@code registrationPeriod}
 * @param resetConfirmationsPerAddress  password-reset confirmations per client address within {@code resetConfirmationPeriod}
 * @param resetRequestsPerEmail         password-reset requests per e-mail within {@code resetRequestPeriod}
 * @param resetRequestsPerAddress       password-reset requests per client address within {@code resetRequestPeriod}
 */
@ConfigurationProperties("shop.security.throttle")
record RequestThrottleProperties(
        @DefaultValue("30") long registrationsPerAddress,
        @DefaultValue("10m") Duration registrationPeriod,
        @DefaultValue("30") long resetConfirmationsPerAddress,
        @DefaultValue("10m") Duration resetConfirmationPeriod,
        @DefaultValue("5") long resetRequestsPerEmail,
        @DefaultValue("30") long resetRequestsPerAddress,
        @DefaultValue("1h") Duration resetRequestPeriod) {
}
