package com.example.shop.customers.internal;

import org.springframework.stereotype.Component;

/**
 * Throttles the anonymous requests other than the login: registrations and password-reset confirmations
 * per client address (each may cost a bcrypt hash), password-reset requests per e-mail and per client
 * address (each may send a mail).
 */
@Component
class RequestThrottle {

    private final RateLimit registrations;
    private final RateLimit resetConfirmations;
    private final RateLimit resetRequestsByEmail;
    private final RateLimit resetRequestsByAddress;

    RequestThrottle(RequestThrottleProperties properties) {
        long keys = properties.maxTrackedKeys();
        this.registrations = new RateLimit(properties.registrationsPerAddress(), properties.registrationPeriod(), keys);
        this.resetConfirmations = new RateLimit(properties.resetConfirmationsPerAddress(),
                properties.resetConfirmationPeriod(), keys);
        this.resetRequestsByEmail = new RateLimit(properties.resetRequestsPerEmail(), properties.resetRequestPeriod(),
                keys);
        this.resetRequestsByAddress = new RateLimit(properties.resetRequestsPerAddress(),
                properties.resetRequestPeriod(), keys);
    }

    /** @throws TooManyRequests when the address has registered too often */
    void registration(String address) {
        registrations.tryTake(address).ifPresent(TooManyRequests::raise);
    }

    /** @throws TooManyRequests when the address has tried too many reset tokens */
    void resetConfirmation(String address) {
        resetConfirmations.tryTake(address).ifPresent(TooManyRequests::raise);
    }

    /** Whether a password-reset request for the e-mail from the address may go ahead. */
    boolean resetRequest(String email, String address) {
        if (resetRequestsByEmail.tryTake(email).isPresent()) {
            return false;
        }
        if (resetRequestsByAddress.tryTake(address).isPresent()) {
            resetRequestsByEmail.giveBack(email);
            return false;
        }
        return true;
    }
}
