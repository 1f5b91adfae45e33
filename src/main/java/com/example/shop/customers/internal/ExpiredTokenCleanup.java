package com.example.shop.customers.internal;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes refresh and reset tokens a day after they expired (kept that long so that a late reuse
 * of a stolen token is still recognised). One instance at a time runs it (two deletes: 30 minutes at most even
 * on a large table; at least 5 minutes between two instances' runs); it is idempotent all the same.
 */
@Component
class ExpiredTokenCleanup {

    private static final Logger log = LoggerFactory.getLogger(ExpiredTokenCleanup.class);

    private final RefreshTokenRepository refreshTokens;
    private final PasswordResetRepository resets;

    ExpiredTokenCleanup(RefreshTokenRepository refreshTokens, PasswordResetRepository resets) {
        this.refreshTokens = refreshTokens;
        this.resets = resets;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    @SchedulerLock(name = "customers.expired-token-cleanup", lockAtMostFor = "30m", lockAtLeastFor = "5m")
    @Transactional
    public void deleteExpired() {
        Instant before = Instant.now().minus(Duration.ofDays(1));
        int tokens = refreshTokens.deleteExpiredBefore(before);
        int pending = resets.deleteExpiredBefore(before);
        if (tokens + pending > 0) {
            log.info("Deleted {} expired refresh token(s) and {} expired password reset(s)", tokens, pending);
        }
    }
}
