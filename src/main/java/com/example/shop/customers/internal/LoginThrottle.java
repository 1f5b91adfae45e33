package com.example.shop.customers.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * Brute-force protection for the login: one token bucket per e-mail and one per client address
 * (Bucket4j), kept in bounded in-memory caches (Caffeine). Each attempt takes a token from both; a
 * successful login gives them back, so only failures count. Per instance: with several instances
 * the buckets belong in shared storage (Bucket4j has Redis/JDBC back ends).
 */
@Component
class LoginThrottle {

    private final LoginThrottleProperties properties;
    private final Cache<String, Bucket> byEmail;
    private final Cache<String, Bucket> byAddress;

    LoginThrottle(LoginThrottleProperties properties) {
        this.properties = properties;
        this.byEmail = cache(properties.perEmailPeriod(), properties.maxTrackedKeys());
        this.byAddress = cache(properties.perAddressPeriod(), properties.maxTrackedKeys());
    }

    private static Cache<String, Bucket> cache(Duration period, long size) {
        // an idle bucket is full again after one period; forgetting it then loses nothing
        return Caffeine.newBuilder().maximumSize(size).expireAfterAccess(period).build();
    }

    /** Takes one attempt for the e-mail and the address, or throws when either has none left. */
    void acquire(String email, String address) {
        Bucket emailBucket = emailBucket(email);
        ConsumptionProbe probe = emailBucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw throttled(probe);
        }
        ConsumptionProbe addressProbe = addressBucket(address).tryConsumeAndReturnRemaining(1);
        if (!addressProbe.isConsumed()) {
            emailBucket.addTokens(1);
            throw throttled(addressProbe);
        }
    }

    /** A successful login: its attempt does not count. */
    void succeeded(String email, String address) {
        emailBucket(email).addTokens(1);
        addressBucket(address).addTokens(1);
    }

    private Bucket emailBucket(String email) {
        return byEmail.get(email, key -> bucket(properties.perEmailAttempts(), properties.perEmailPeriod()));
    }

    private Bucket addressBucket(String address) {
        return byAddress.get(address == null ? "unknown" : address,
                key -> bucket(properties.perAddressAttempts(), properties.perAddressPeriod()));
    }

    private static Bucket bucket(long attempts, Duration period) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, period))
                .build();
    }

    private static LoginThrottled throttled(ConsumptionProbe probe) {
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        return new LoginThrottled(Duration.ofSeconds(seconds));
    }
}
