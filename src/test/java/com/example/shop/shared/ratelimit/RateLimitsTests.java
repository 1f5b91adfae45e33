package com.example.shop.shared.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import com.example.shop.shared.ratelimit.RateLimitPolicy.WhenStoreDown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory limits: capacity per key, even refill, permits given back, per-name overrides. */
class RateLimitsTests {

    /** A clock the test moves by hand. */
    static final class ManualClock implements TimeMeter {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }

    @Test
    void aKeyGetsItsCapacityThenWaitsForTheRefillWhileOtherKeysAreUntouched() {
        ManualClock clock = new ManualClock();
        RateLimit limit = new LocalRateLimit("test.per-key", RateLimitPolicy.of(3, Duration.ofMinutes(3)), 100, clock);

        assertThat(limit.tryTake("a")).isEmpty();
        assertThat(limit.tryTake("a")).isEmpty();
        assertThat(limit.tryTake("a")).isEmpty();
        // one permit per minute comes back: the fourth waits about a minute, rounded up to whole seconds
        assertThat(limit.tryTake("a")).hasValueSatisfying(wait -> assertThat(wait).isBetween(
                Duration.ofSeconds(60), Duration.ofSeconds(61)));
        assertThat(limit.tryTake("b")).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(limit.tryTake("a")).hasValueSatisfying(wait -> assertThat(wait).isBetween(
                Duration.ofSeconds(30), Duration.ofSeconds(31)));
        clock.advance(Duration.ofSeconds(30));
        assertThat(limit.tryTake("a")).isEmpty();
        assertThat(limit.tryTake("a")).isPresent();
    }

    @Test
    void aPermitGivenBackCanBeTakenAgainButNeverBeyondTheCapacity() {
        RateLimit limit = new LocalRateLimit("test.give-back", RateLimitPolicy.of(2, Duration.ofHours(1)), 100,
                new ManualClock());
        assertThat(limit.tryTake("k")).isEmpty();
        assertThat(limit.tryTake("k")).isEmpty();
        assertThat(limit.tryTake("k")).isPresent();
        limit.giveBack("k");
        assertThat(limit.tryTake("k")).isEmpty();
        assertThat(limit.tryTake("k")).isPresent();

        limit.giveBack("fresh");
        limit.giveBack("fresh");
        assertThat(limit.tryTake("fresh")).isEmpty();
        assertThat(limit.tryTake("fresh")).isEmpty();
        assertThat(limit.tryTake("fresh")).as("given back beyond the capacity").isPresent();
    }

    @Test
    void settingsOverrideTheCodesDefaultsPerName() {
        RateLimitProperties properties = new RateLimitProperties(100, Map.of(
                "test.overridden", new RateLimitProperties.Override(1L, null, WhenStoreDown.REJECT)));
        RateLimits limits = new InMemoryRateLimits(properties);

        RateLimit overridden = limits.limit("test.overridden", RateLimitPolicy.of(5, Duration.ofHours(1)));
        RateLimit untouched = limits.limit("test.untouched", RateLimitPolicy.of(2, Duration.ofHours(1)));

        assertThat(overridden.name()).isEqualTo("test.overridden");
        assertThat(properties.policy("test.overridden", RateLimitPolicy.of(5, Duration.ofHours(1))))
                .isEqualTo(new RateLimitPolicy(1, Duration.ofHours(1), WhenStoreDown.REJECT));
        assertThat(overridden.tryTake("k")).isEmpty();
        assertThat(overridden.tryTake("k")).isPresent();
        assertThat(untouched.tryTake("k")).isEmpty();
        assertThat(untouched.tryTake("k")).isEmpty();
        assertThat(untouched.tryTake("k")).isPresent();
    }

    @Test
    void aNameIsTakenOnce() {
        RateLimits limits = new InMemoryRateLimits(new RateLimitProperties(100, Map.of()));
        limits.limit("test.once", RateLimitPolicy.of(1, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> limits.limit("test.once", RateLimitPolicy.of(1, Duration.ofMinutes(1))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPolicyNeedsAPositiveCapacityAndPeriod() {
        assertThatThrownBy(() -> RateLimitPolicy.of(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimitPolicy.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
