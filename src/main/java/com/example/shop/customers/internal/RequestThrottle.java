package com.example.shop.customers.internal;

import org.springframework.stereotype.Component;

/**
 * Throttles the anonymous requests other than the login that cost a bcrypt hash: registrations and
 * password-reset confirmations, per client address.
 */
@Component
class RequestThrottle {

    private final RateLimit registrations;
    private final RateLimit resetConfirmations;

    RequestThrottle(RequestThrottleProperties properties) {
        long keys = properties.maxTrackedKeys();
        this.registrations = new RateLimit(properties.registrationsPerAddress(), properties.registrationPeriod(), keys);
        this.resetConfirmations = new RateLimit(properties.resetConfirmationsPerAddress(),
                properties.resetConfirmationPeriod(), keys);
    }

    /** @throws TooManyRequests when the address has registered too often */
    void registration(String address) {
        registrations.tryTake(address).ifPresent(TooManyRequests::raise);
    }

    /** @throws TooManyRequests when the address has tried too many reset tokens */
    void resetConfirmation(String address) {
        resetConfirmations.tryTake(address).ifPresent(TooManyRequests::raise);
    }
}
