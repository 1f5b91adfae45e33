package com.example.shop.shared.ratelimit;

import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The application with Redis configured keeps its rate limits in Redis: a failed login leaves its buckets there,
 * under the configured key prefix, for every instance to see.
 */
@IntegrationTest
// static properties: the switch that turns Boot's Redis support on reads them before a @DynamicPropertySource
// would be added; the prefix is random per run (read back from the bean)
@TestPropertySource(properties = {
        "spring.data.redis.host=${SHOP_TEST_REDIS_HOST:127.0.0.1}",
        "spring.data.redis.port=${SHOP_TEST_REDIS_PORT:6379}",
        "shop.redis.key-prefix=test-${random.uuid}"
})
class RedisRateLimitsContextTests {

    private static String prefix;

    @Autowired
    MockMvc mvc;

    @Autowired
    RateLimits limits;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void redisAnswers() {
        RealServices.assumeRedis();
        prefix = ((RedisRateLimits) limits).storePrefix();
    }

    @AfterAll
    static void removeKeys() {
        if (prefix == null) {
            return;
        }
        RedisClient client = RedisClient.create(RedisURI.create(RealServices.REDIS_HOST, RealServices.REDIS_PORT));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            List<String> keys = ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + ":*")).stream().toList();
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        } catch (RedisConnectionException e) {
            // no Redis, no keys (the test was skipped)
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aFailedLoginLeavesItsBucketsInRedis() throws Exception {
        assertThat(limits).isInstanceOf(RedisRateLimits.class);
        assertThat(prefix).startsWith("test-").hasSizeGreaterThan(20);
        String email = "redis-" + UUID.randomUUID() + "@example.com";
        String address = "2001:db8:5::" + Integer.toHexString(1 + (int) (Math.random() * 60000));

        int status = mvc.perform(post("/api/auth/login").with(request -> {
            request.setRemoteAddr(address);
            return request;
        }).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(401);

        RedisClient client = RedisClient.create(RedisURI.create(RealServices.REDIS_HOST, RealServices.REDIS_PORT));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            assertThat(redis.pttl(prefix + ":ratelimit:customers.login-per-email:" + email))
                    .as("the e-mail's bucket, gone when full again").isPositive();
            assertThat(redis.exists(prefix + ":ratelimit:customers.login-per-address:" + address)).isEqualTo(1);
        } finally {
            client.shutdown();
        }
        assertThat(meters.get("shop.rate-limit.store.up").gauge().value()).isEqualTo(1.0);
    }
}
