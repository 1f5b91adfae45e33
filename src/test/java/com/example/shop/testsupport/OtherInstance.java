package com.example.shop.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.awaitility.Awaitility.await;

/**
 * "Another instance" beside the application under test: a Redis connection of its own that announces on the
 * cluster channel's topics as another instance would ({@code <key prefix>:<topic>}, the sender's id, a space, the
 * body) and records everything it hears on the topics it listens to.
 */
public final class OtherInstance implements AutoCloseable {

    /** The sender id this instance puts on what it announces. */
    public final String id = UUID.randomUUID().toString();

    private final String prefix;
    private final LettuceConnectionFactory connection;
    private final StringRedisTemplate sends;
    private final RedisMessageListenerContainer listens;
    private final Map<String, BlockingQueue<String>> heard = new ConcurrentHashMap<>();

    private OtherInstance(String prefix, String... topics) {
        this.prefix = prefix;
        connection = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(RealServices.REDIS_HOST, RealServices.REDIS_PORT));
        connection.afterPropertiesSet();
        connection.start();
        sends = new StringRedisTemplate(connection);
        listens = new RedisMessageListenerContainer();
        listens.setConnectionFactory(connection);
        for (String topic : topics) {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            heard.put(topic, queue);
            listens.addMessageListener((message, pattern) ->
                    queue.add(new String(message.getBody(), StandardCharsets.UTF_8)), new ChannelTopic(channel(topic)));
        }
        listens.afterPropertiesSet();
        listens.start();
    }

    /** Connects (skipping the test when Redis does not answer) and listens to these topics. */
    public static OtherInstance listeningTo(String prefix, String... topics) {
        RealServices.assumeRedis();
        return new OtherInstance(prefix, topics);
    }

    /** Announces {@code body} on the topic, under this instance's id. */
    public void announce(String topic, String body) {
        sendRaw(topic, id + " " + body);
    }

    /** Sends this exact message on the topic (a message of any sender, or a marker). */
    public void sendRaw(String topic, String message) {
        sends.convertAndSend(channel(topic), message);
    }

    /** What was heard on the topic so far, oldest first ({@code sender body}). */
    public BlockingQueue<String> heard(String topic) {
        return heard.get(topic);
    }

    public void forgetWhatWasHeard() {
        heard.values().forEach(BlockingQueue::clear);
    }

    /**
     * Waits until the application under test has subscribed to these topics. It subscribes off its start-up thread,
     * and a subscription made tells its subscribers they may have missed messages (caches dropped, streams compared
     * at once): a test that started before would see that happen under it.
     */
    public static void awaitSubscribed(MeterRegistry meters, String... topics) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (String topic : topics) {
                Counter made = meters.find("shop.cluster.subscriptions").tag("topic", topic).counter();
                if (made == null || made.count() < 1) {
                    return false;
                }
            }
            return true;
        });
    }

    private String channel(String topic) {
        return prefix + ":" + topic;
    }

    @Override
    public void close() {
        try {
            listens.destroy();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            connection.destroy();
        }
    }
}
