package com.example.shop.customers.internal;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Brute-force protection for the login: one {@link RateLimit} per e-mail and one per client address.
 * Each attempt takes a permit from both; a successful login gives them back, so only failures count.
 */
@Component
class LoginThrottle {

    private final RateLimit byEmail;
    private final RateLimit byAddress;

    LoginThrottle(LoginThrottleProperties properties) {
        this.byEmail = new RateLimit(properties.perEmailAttempts(), properties.perEmailPeriod(),
                properties.maxTrackedKeys());
        this.byAddress = new RateLimit(properties.perAddressAttempts(), properties.perAddressPeriod(),
                properties.maxTrackedKeys());
    }

    /** Takes one attempt for the e-mail and the address, or throws when either has none left. */
    void acquire(String email, String address) {
        Optional<Duration> wait = byEmail.tryTake(email);
        if (wait.isPresent()) {
            throw new LoginThrottled(wait.get());
        }
        wait = byAddress.tryTake(address);
        if (wait.isPresent()) {
            byEmail.giveBack(email);
            throw new LoginThrottled(wait.get());
        }
    }

    /** A successful login: its attempt does not count. */
    void succeeded(String email, String address) {
        byEmail.giveBack(email);
        byAddress.giveBack(address);
    }
}
