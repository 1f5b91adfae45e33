package com.example.shop.customers.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Throttles the anonymous requests other than the login: registrations and password-reset confirmations
 * per client address (each may cost a bcrypt hash), password-reset requests per e-mail and per client
 * address (each may send a mail). A password-reset request beyond its limits is dropped silently (no 429, so
 * that nobody learns which e-mails are known); it is counted in {@code shop.rate-limit.rejections} with
 * {@code limit=password-reset-request}, next to the 429s.
 */
@Component
class RequestThrottle {

    private final RateLimit registrations;
    private final RateLimit resetConfirmations;
    private final RateLimit resetRequestsByEmail;
    private final RateLimit resetRequestsByAddress;
    private final Counter droppedResetRequests;

    RequestThrottle(RequestThrottleProperties properties, MeterRegistry meters) {
        this.droppedResetRequests = meters.counter("shop.rate-limit.rejections", "limit", "password-reset-request");
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
            droppedResetRequests.increment();
            return false;
        }
        if (resetRequestsByAddress.tryTake(address).isPresent()) {
            resetRequestsByEmail.giveBack(email);
            droppedResetRequests.increment();
            return false;
        }
        return true;
    }
}
