package com.example.shop.shared.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import com.example.shop.testsupport.RealServices;
import com.example.shop.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances' channels on the machine's real Redis, each with a connection factory of its own and the same
 * key prefix (random per run, so that tests running at the same time on the same Redis never hear each other).
 * The connection of the one that is cut goes through a {@link TcpProxy}.
 */
class RedisClusterChannelTests {

    private static final String TOPIC = "test.topic";
    private static final Duration SECOND = Duration.ofSeconds(1);

    final String prefix = "shop-test-" + UUID.randomUUID();
    final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void redis() {
        RealServices.assumeRedis();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aMessagePublishedOnOneInstanceArrivesOnTheOtherWithinASecondAndOnceOnItsOwn() {
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        RedisClusterChannel a = started(RealServices.REDIS_PORT, onA, new SimpleMeterRegistry());
        RedisClusterChannel b = started(RealServices.REDIS_PORT, onB, new SimpleMeterRegistry());
        assertThat(a.instance()).isNotEqualTo(b.instance());

        a.publish(TOPIC, "hello");
        long sent = System.nanoTime();
        // its own subscribers have it before publish returns
        assertThat(onA.received).containsExactly("hello");
        await().atMost(SECOND).until(() -> onB.received.contains("hello"));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(SECOND);

        b.publish(TOPIC, "back");
        await().atMost(SECOND).until(() -> onA.received.contains("back"));
        // Redis hands A its own "hello" before B's "back" (one connection, in order), and A skipped it
        assertThat(onA.received).containsExactly("hello", "back");
        assertThat(onB.received).containsExactly("hello", "back");
    }

    @Test
    void aMessageOnAnotherTopicOrUnderAnotherPrefixIsNotDelivered() {
        Recorder onB = new Recorder();
        RedisClusterChannel a = started(RealServices.REDIS_PORT, new Recorder(), new SimpleMeterRegistry());
        started(RealServices.REDIS_PORT, onB, new SimpleMeterRegistry());
        Recorder elsewhere = new Recorder();
        RedisClusterChannel otherDeployment = channel(RealServices.REDIS_PORT, prefix + "-other",
                new SimpleMeterRegistry());
        otherDeployment.subscribe(TOPIC, elsewhere);
        otherDeployment.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> elsewhere.missed.get() >= 1);

        a.publish("test.other-topic", "not for B");
        a.publish(TOPIC, "for B");

        await().atMost(SECOND).until(() -> onB.received.contains("for B"));
        assertThat(onB.received).containsExactly("for B");
        assertThat(elsewhere.received).isEmpty();
    }

    @Test
    void afterTheConnectionWasCutTheSubscribersHearTheyMayHaveMissedMessagesAndReceiveAgain() {
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        RedisClusterChannel a = started(RealServices.REDIS_PORT, onA, new SimpleMeterRegistry());
        TcpProxy proxy = TcpProxy.to(RealServices.REDIS_HOST, RealServices.REDIS_PORT);
        toClose.add(proxy);
        SimpleMeterRegistry bMeters = new SimpleMeterRegistry();
        started(proxy.port(), onB, bMeters);
        // the first subscription counts: a message sent before it was made may have been missed as well
        assertThat(onB.missed).hasValue(1);

        proxy.cut();
        a.publish(TOPIC, "while B is cut off");
        proxy.restore();

        await().atMost(Duration.ofSeconds(40)).until(() -> onB.missed.get() >= 2);
        assertThat(bMeters.get("shop.cluster.subscriptions").tag("topic", TOPIC).counter().count()).isGreaterThanOrEqualTo(2);
        a.publish(TOPIC, "after");
        await().atMost(SECOND).until(() -> onB.received.contains("after"));
        assertThat(onB.received).doesNotContain("while B is cut off");
    }

    @Test
    void redisDownFailsNoPublishIsCountedAndTheSubscriptionIsMadeWhenItIsBack() {
        TcpProxy proxy = TcpProxy.to(RealServices.REDIS_HOST, RealServices.REDIS_PORT);
        toClose.add(proxy);
        proxy.cut();
        Recorder onB = new Recorder();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisClusterChannel b = channel(proxy.port(), prefix, meters);
        b.subscribe(TOPIC, onB);
        b.start(); // Redis unreachable: starts anyway, and keeps trying

        b.publish(TOPIC, "sent while Redis is down");

        assertThat(onB.received).containsExactly("sent while Redis is down");
        await().atMost(Duration.ofSeconds(10)).until(() -> failures(meters) >= 1);
        assertThat(onB.missed).hasValue(0);

        proxy.restore();
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.missed.get() == 1);
        Recorder onA = new Recorder();
        RedisClusterChannel a = started(RealServices.REDIS_PORT, onA, new SimpleMeterRegistry());
        b.publish(TOPIC, "sent again");
        await().atMost(SECOND).until(() -> onA.received.contains("sent again"));
        a.publish(TOPIC, "to B");
        await().atMost(SECOND).until(() -> onB.received.contains("to B"));
    }

    private static double failures(SimpleMeterRegistry meters) {
        Counter counter = meters.find("shop.cluster.publish.failures").tag("topic", TOPIC).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A started channel with the subscriber, once its subscription is confirmed. */
    private RedisClusterChannel started(int port, Recorder subscriber, SimpleMeterRegistry meters) {
        RedisClusterChannel channel = channel(port, prefix, meters);
        channel.subscribe(TOPIC, subscriber);
        channel.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.missed.get() >= 1);
        return channel;
    }

    private RedisClusterChannel channel(int port, String prefix, SimpleMeterRegistry meters) {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(RealServices.REDIS_HOST, port));
        connections.afterPropertiesSet();
        connections.start();
        toClose.add(connections::destroy);
        RedisClusterChannel channel = new RedisClusterChannel(connections, prefix, Duration.ofMillis(200), meters);
        toClose.add(() -> {
            channel.stop();
            channel.destroy();
        });
        return channel;
    }
}
