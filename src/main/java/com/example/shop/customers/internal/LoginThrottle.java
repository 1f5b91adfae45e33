package com.example.shop.customers.internal;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.example.shop.shared.ratelimit.RateLimit;
import com.example.shop.shared.ratelimit.RateLimitPolicy;
import com.example.shop.shared.ratelimit.RateLimits;

/**
 * Brute-force protection for the login: one limit per e-mail ({@code customers.login-per-email}) and one per
 * client address ({@code customers.login-per-address}). Each attempt takes a permit from both; a successful
 * login gives them back, so only failures count. With a shared store down both fall back to this instance's
 * buckets: a weaker limit for a while beats locking every customer out.
 */
@Component
class LoginThrottle {

    private final RateLimit byEmail;
    private final RateLimit byAddress;

    LoginThrottle(LoginThrottleProperties properties, RateLimits limits) {
        this.byEmail = limits.limit("customers.login-per-email",
                RateLimitPolicy.of(properties.perEmailAttempts(), properties.perEmailPeriod()));
        this.byAddress = limits.limit("customers.login-per-address",
                RateLimitPolicy.of(properties.perAddressAttempts(), properties.perAddressPeriod()));
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
