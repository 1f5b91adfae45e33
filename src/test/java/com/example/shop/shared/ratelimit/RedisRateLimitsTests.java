package com.example.shop.shared.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.example.shop.shared.ratelimit.RateLimitPolicy.WhenStoreDown;
import com.example.shop.testsupport.RealServices;
import com.example.shop.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buckets in the machine's Redis: two instances (each its own Redis client) share one bucket per key; keys
 * go once the bucket is full again; with Redis cut off each limit falls back to its policy, and once Redis is back
 * the shared buckets count again. Every test uses key prefix of its own and removes its keys.
 */
class RedisRateLimitsTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration DOWN_FOR = Duration.ofMillis(500);

    private final String prefix = "test-" + UUID.randomUUID();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RedisClient inspector;
    private StatefulRedisConnection<String, String> inspection;

    @BeforeEach
    void redis() {
        RealServices.assumeRedis();
        inspector = RedisClient.create(RedisURI.create(RealServices.REDIS_HOST, RealServices.REDIS_PORT));
        inspection = inspector.connect();
    }

    @AfterEach
    void removeKeysAndClose() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (inspection != null) {
            RedisCommands<String, String> redis = inspection.sync();
            List<String> keys = ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + ":*")).stream().toList();
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
            inspection.close();
            inspector.shutdown();
        }
    }

    /** One instance: its rate limits on its buckets, with a Redis client of its own. */
    private record Instance(RedisRateLimits limits, RedisBuckets buckets) {

        RateLimit limit(String name, RateLimitPolicy policy) {
            return limits.limit(name, policy);
        }
    }

    /** An instance on the given Redis port, closed after the test. */
    private Instance instance(int port) {
        RedisClient client = RedisClient.create(RedisURI.create(RealServices.REDIS_HOST, port));
        RedisBuckets buckets = new RedisBuckets(client, TIMEOUT, DOWN_FOR);
        closing.add(client::shutdown);
        closing.add(buckets);
        return new Instance(new RedisRateLimits(new RateLimitProperties(1000, Map.of()), prefix, buckets,
                new SimpleMeterRegistry()), buckets);
    }

    @Test
    void twoInstancesShareOneBucketPerKey() {
        RateLimitPolicy policy = RateLimitPolicy.of(4, Duration.ofMinutes(10));
        RateLimit onA = instance(RealServices.REDIS_PORT).limit("test.shared-per-key", policy);
        RateLimit onB = instance(RealServices.REDIS_PORT).limit("test.shared-per-key", policy);

        assertThat(onA.tryTake("k")).isEmpty();
        assertThat(onB.tryTake("k")).isEmpty();
        assertThat(onA.tryTake("k")).isEmpty();
        assertThat(onB.tryTake("k")).isEmpty();
        // four permits in all: the fifth is refused on either instance, with a time to wait
        assertThat(onA.tryTake("k")).hasValueSatisfying(wait -> assertThat(wait).isPositive());
        assertThat(onB.tryTake("k")).isPresent();
        assertThat(onA.tryTake("other")).as("another key").isEmpty();

        // a permit given back on one instance can be taken on the other
        onA.giveBack("k");
        assertThat(onB.tryTake("k")).isEmpty();
        assertThat(onA.tryTake("k")).isPresent();

        assertThat(inspection.sync().exists(prefix + ":ratelimit:test.shared-per-key:k")).isEqualTo(1);
    }

    @Test
    void aBucketsKeyExpiresOnceTheBucketIsFullAgain() {
        RateLimit limit = instance(RealServices.REDIS_PORT).limit("test.expiring",
                RateLimitPolicy.of(2, Duration.ofSeconds(2)));
        String key = prefix + ":ratelimit:test.expiring:k";

        assertThat(limit.tryTake("k")).isEmpty();
        long ttl = inspection.sync().pttl(key);
        // one permit of two used: full again within half the period
        assertThat(ttl).isBetween(1L, 1_000L);
        await().atMost(Duration.ofSeconds(5)).until(() -> inspection.sync().exists(key) == 0);

        assertThat(limit.tryTake("k")).isEmpty();
        assertThat(limit.tryTake("k")).isEmpty();
        assertThat(inspection.sync().pttl(key)).as("empty: full again after the whole period").isBetween(1_001L, 2_000L);
    }

    @Test
    void whileRedisIsCutOffLocalLimitsStillLimitAndRejectingOnesRefuseThenTheSharedBucketsCountAgain() {
        Logger logger = (Logger) LoggerFactory.getLogger(RedisBuckets.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (TcpProxy proxy = TcpProxy.to(RealServices.REDIS_HOST, RealServices.REDIS_PORT)) {
            Instance limits = instance(proxy.port());
            RateLimit local = limits.limit("test.local", RateLimitPolicy.of(3, Duration.ofMinutes(10)));
            RateLimit rejecting = limits.limit("test.rejecting",
                    RateLimitPolicy.of(3, Duration.ofMinutes(10)).whenStoreDown(WhenStoreDown.REJECT));
            // one permit of each taken in Redis: two left there
            assertThat(local.tryTake("k")).isEmpty();
            assertThat(rejecting.tryTake("k")).isEmpty();
            assertThat(inspection.sync().exists(prefix + ":ratelimit:test.local:k")).isEqualTo(1);

            proxy.cut();

            // this instance's own bucket: three permits, then refused
            assertThat(local.tryTake("k")).isEmpty();
            assertThat(limits.buckets().down()).isTrue();
            assertThat(local.tryTake("k")).isEmpty();
            assertThat(local.tryTake("k")).isEmpty();
            assertThat(local.tryTake("k")).isPresent();
            assertThat(rejecting.tryTake("k")).hasValueSatisfying(wait -> assertThat(wait).isPositive());
            assertThat(rejecting.tryTake("fresh")).as("even a key never seen").isPresent();

            proxy.restore();
            RedisBuckets buckets = limits.buckets();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> buckets.call(proxies -> true).isPresent());

            // the shared buckets again: two permits were left there, while the local bucket is empty
            assertThat(local.tryTake("k")).isEmpty();
            assertThat(local.tryTake("k")).isEmpty();
            assertThat(local.tryTake("k")).isPresent();
            assertThat(rejecting.tryTake("k")).isEmpty();

            // one line when the outage starts, one when it ends, however many requests fell back in between
            assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                    .extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aRedisThatNeverAnsweredLeavesTheLimitsToTheirPolicy() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Instance limits = instance(closed);
        RateLimit local = limits.limit("test.never-local", RateLimitPolicy.of(1, Duration.ofMinutes(1)));
        RateLimit rejecting = limits.limit("test.never-reject",
                RateLimitPolicy.of(1, Duration.ofMinutes(1)).whenStoreDown(WhenStoreDown.REJECT));

        assertThat(local.tryTake("k")).isEmpty();
        assertThat(local.tryTake("k")).isPresent();
        assertThat(rejecting.tryTake("k")).isPresent();
        local.giveBack("k");
        assertThat(local.tryTake("k")).as("given back to the local bucket").isEmpty();
    }
}
