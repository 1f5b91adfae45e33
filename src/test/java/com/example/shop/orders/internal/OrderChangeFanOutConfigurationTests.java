package com.example.shop.orders.internal;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import com.example.shop.orders.internal.OrderStreamProperties.FanOut;

import static org.assertj.core.api.Assertions.assertThat;

/** Which fan-out an instance uses: the setting when given, else across instances exactly when Redis is configured. */
class OrderChangeFanOutConfigurationTests {

    @Test
    void withoutTheSettingItFollowsRedis() {
        assertThat(OrderChangeFanOutConfiguration.fanOut(properties(null), environment(Map.of())))
                .isEqualTo(FanOut.JVM);
        assertThat(OrderChangeFanOutConfiguration.fanOut(properties(null),
                environment(Map.of("spring.data.redis.host", "cache")))).isEqualTo(FanOut.CLUSTER);
        assertThat(OrderChangeFanOutConfiguration.fanOut(properties(null),
                environment(Map.of("spring.data.redis.url", "redis://cache:6379")))).isEqualTo(FanOut.CLUSTER);
    }

    @Test
    void theSettingWinsEitherWay() {
        assertThat(OrderChangeFanOutConfiguration.fanOut(properties(FanOut.JVM),
                environment(Map.of("spring.data.redis.host", "cache")))).isEqualTo(FanOut.JVM);
        assertThat(OrderChangeFanOutConfiguration.fanOut(properties(FanOut.CLUSTER), environment(Map.of())))
                .isEqualTo(FanOut.CLUSTER);
    }

    private static OrderStreamProperties properties(FanOut fanOut) {
        return new OrderStreamProperties(Duration.ofSeconds(15), Duration.ofMinutes(30), 2000, Duration.ofSeconds(60),
                fanOut);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
