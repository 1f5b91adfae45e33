package com.example.shop.customers.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password storage and reset.
 *
 * @param bcryptStrength   bcrypt cost (log2 rounds); 10 takes roughly 50-100 ms per hash on a small server
 * @param resetTokenTtl    how long a password-reset link stays valid
 * @param resetRequestInterval  while a reset requested this recently is pending, a new request sends nothing
 * @param resetLinkBase    the storefront page the reset link points at; the token is appended
 * @param resetMailFrom    sender address of reset mails
 * @param logResetLinks    write reset links to the log when no mail server is configured (development only)
 */
@ConfigurationProperties("shop.security.password")
record PasswordProperties(
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("30m") Duration resetTokenTtl,
        @DefaultValue("5m") Duration resetRequestInterval,
        @DefaultValue("http://localhost:3000/reset-password?token=") String resetLinkBase,
        @DefaultValue("no-reply@shop.example") String resetMailFrom,
        @DefaultValue("false") boolean logResetLinks) {

    PasswordProperties {
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("shop.security.password.bcrypt-strength must be between 4 and 31");
        }
    }
}
