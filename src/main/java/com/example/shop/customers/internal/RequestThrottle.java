package com.example.shop.customers.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import com.example.shop.shared.ratelimit.RateLimit;
import com.example.shop.shared.ratelimit.RateLimitPolicy;
import com.example.shop.shared.ratelimit.RateLimits;

/**
 * Throttles the anonymous requests other than the login: registrations and password-reset confirmations
 * per client address (each may cost a bcrypt hash), password-reset requests per e-mail and per client
 * address (each may send a mail). A password-reset request beyond its limits is dropped silently (no 429, so
 * that nobody learns which e-mails are known); it is counted in {@code shop.rate-limit.rejections} with
 * {@code limit=password-reset-request}, next to the 429s. The limits are named
 * {@code customers.registration-per-address}, {@code customers.reset-confirmation-per-address},
 * {@code customers.reset-request-per-email} and {@code customers.reset-request-per-address}; with a shared store
 * down they fall back to this instance's buckets: those still cap the hashes and mails per instance, while refusing
 * would stop every sign-up and password reset for the outage.
 */
@Component
class RequestThrottle {

    private final RateLimit registrations;
    private final RateLimit resetConfirmations;
    private final RateLimit resetRequestsByEmail;
    private final RateLimit resetRequestsByAddress;
    private final Counter droppedResetRequests;

    RequestThrottle(RequestThrottleProperties properties, RateLimits limits, MeterRegistry meters) {
        this.droppedResetRequests = meters.counter("shop.rate-limit.rejections", "limit", "password-reset-request");
        this.registrations = limits.limit("customers.registration-per-address",
                RateLimitPolicy.of(properties.registrationsPerAddress(), properties.registrationPeriod()));
        this.resetConfirmations = limits.limit("customers.reset-confirmation-per-address",
                RateLimitPolicy.of(properties.resetConfirmationsPerAddress(), properties.resetConfirmationPeriod()));
        this.resetRequestsByEmail = limits.limit("customers.reset-request-per-email",
                RateLimitPolicy.of(properties.resetRequestsPerEmail(), properties.resetRequestPeriod()));
        this.resetRequestsByAddress = limits.limit("customers.reset-request-per-address",
                RateLimitPolicy.of(properties.resetRequestsPerAddress(), properties.resetRequestPeriod()));
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
