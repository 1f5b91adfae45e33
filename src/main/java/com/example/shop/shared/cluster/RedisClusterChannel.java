package com.example.shop.shared.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The channel across instances, over Redis pub/sub: topic {@code t} is the Redis channel {@code <prefix>:t}
 * ({@code shop.redis.key-prefix}, default {@code shop}), so deployments that share a Redis keep apart by prefix.
 * <p>
 * A message on the wire is {@code <instance id> <message>}. The instance id is made at start-up; this instance
 * delivers its own messages to its subscribers at once, in the publishing thread, and skips them when Redis hands
 * them back, so none is delivered twice and none waits for the network here.
 * <p>
 * Sending happens on one thread of its own, from a bounded queue: a request never waits for Redis, and Redis being
 * down never fails one. A failed send is counted ({@code shop.cluster.publish.failures}) and logged once until
 * sends succeed again. Receiving is Spring Data Redis's {@link RedisMessageListenerContainer} with one thread of
 * its own. Pub/sub keeps nothing for a subscriber that is away: whenever a channel's subscription is confirmed
 * (at start-up, and after Lettuce reconnected and subscribed again) its subscribers are told they may have missed
 * messages ({@code shop.cluster.subscriptions} counts those). Redis unreachable at start-up does not stop the
 * instance from starting: it keeps trying every few seconds.
 */
final class RedisClusterChannel implements ClusterChannel, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisClusterChannel.class);
    /** Messages waiting to be sent; beyond that (Redis slow or down for long) they are dropped and counted. */
    private static final int SEND_QUEUE = 10_000;

    private final String instance = UUID.randomUUID().toString();
    private final String prefix;
    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer container;
    private final Duration retryEvery;
    private final MeterRegistry meters;
    private final LocalSubscribers subscribers = new LocalSubscribers();
    private final Receiver receiver = new Receiver();
    private final ExecutorService receiving = Executors.newSingleThreadExecutor(daemons("cluster-receive-"));
    /** Every change to the container's subscriptions, one after the other, off the caller's thread. */
    private final ScheduledExecutorService listening = Executors.newSingleThreadScheduledExecutor(
            daemons("cluster-listen-"));
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Counter> subscriptions = new ConcurrentHashMap<>();
    private volatile ThreadPoolExecutor sender = newSender();
    private volatile boolean running;
    private volatile boolean sendsFailing;
    private volatile boolean listenFailing;

    RedisClusterChannel(RedisConnectionFactory connections, String prefix, Duration retryEvery, MeterRegistry meters) {
        this.prefix = prefix;
        this.retryEvery = retryEvery;
        this.meters = meters;
        this.redis = new StringRedisTemplate(connections);
        this.container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setTaskExecutor(receiving);
        container.setRecoveryInterval(retryEvery.toMillis());
        container.setAutoStartup(false);
        container.afterPropertiesSet();
    }

    /** This instance's id, sent with each of its messages. */
    String instance() {
        return instance;
    }

    /** The Redis channel of a topic. */
    String channel(String topic) {
        return prefix + ":" + topic;
    }

    @Override
    public void publish(String topic, String message) {
        subscribers.deliver(LocalSubscribers.checked(topic), message);
        String wire = instance + " " + message;
        try {
            sender.execute(() -> send(topic, wire));
        } catch (RejectedExecutionException e) {
            if (running) {
                failed(topic, "the queue of messages to send is full");
            }
            // else stopping: the other instances drop what this one changed when their TTLs end
        }
    }

    @Override
    public void subscribe(String topic, ClusterSubscriber subscriber) {
        if (subscribers.add(topic, subscriber)) {
            ChannelTopic channel = new ChannelTopic(channel(topic));
            listening.execute(() -> {
                try {
                    container.addMessageListener(receiver, channel);
                } catch (RuntimeException e) {
                    // the container subscribes at once when it runs: Redis went away meanwhile
                    retryListening(e);
                }
            });
        }
    }

    private void send(String topic, String wire) {
        try {
            redis.convertAndSend(channel(topic), wire);
            if (sendsFailing) {
                sendsFailing = false;
                log.info("Messages to the other instances are sent through Redis again");
            }
        } catch (RuntimeException e) {
            failed(topic, e.toString());
        }
    }

    private void failed(String topic, String why) {
        failures.computeIfAbsent(topic, name -> Counter.builder("shop.cluster.publish.failures").tag("topic", name)
                .description("Messages to the other instances that could not be sent").register(meters)).increment();
        if (!sendsFailing) {
            sendsFailing = true;
            log.warn("Could not send a message on {} to the other instances ({}); they show this instance's changes "
                    + "when their caches expire. Logged once until sending works again.", channel(topic), why);
        }
    }

    private void listen() {
        if (!running) {
            return;
        }
        try {
            container.start();
            if (listenFailing) {
                listenFailing = false;
                log.info("Listening to the other instances through Redis again");
            }
        } catch (RuntimeException e) {
            retryListening(e);
        }
    }

    /** The subscription could not be made: stop the container (so it can start again) and try later. */
    private void retryListening(RuntimeException cause) {
        if (!listenFailing) {
            listenFailing = true;
            log.warn("Could not subscribe to the other instances' messages on Redis ({}); trying again every {}",
                    cause.toString(), retryEvery);
        }
        try {
            container.stop();
        } catch (RuntimeException e) {
            log.debug("Stopping the listener container failed", e);
        }
        if (running) {
            try {
                listening.schedule(this::listen, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // destroyed meanwhile
            }
        }
    }

    @Override
    public void start() {
        if (sender.isShutdown()) {
            sender = newSender();
        }
        running = true;
        listening.execute(this::listen);
    }

    /** Stops listening, and sends what is queued (for at most a second) while the connection is still there. */
    @Override
    public void stop() {
        running = false;
        ThreadPoolExecutor sending = sender;
        sending.shutdown();
        try {
            listening.submit((Runnable) container::stop).get(5, TimeUnit.SECONDS);
            sending.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Stopping the listener container failed", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server's graceful shutdown (requests still publishing), before Redis's connection factory. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void destroy() throws Exception {
        listening.shutdownNow();
        container.destroy();
        receiving.shutdownNow();
        sender.shutdownNow();
    }

    private static ThreadPoolExecutor newSender() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(SEND_QUEUE),
                daemons("cluster-send-"), new ThreadPoolExecutor.AbortPolicy());
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    private @Nullable String topicOf(byte[] channel) {
        String name = new String(channel, StandardCharsets.UTF_8);
        return name.startsWith(prefix + ":") ? name.substring(prefix.length() + 1) : null;
    }

    /** Every subscribed channel's messages and subscription confirmations, on the receiving thread. */
    private final class Receiver implements MessageListener, SubscriptionListener {

        @Override
        public void onMessage(Message message, byte @Nullable [] pattern) {
            String topic = topicOf(message.getChannel());
            String wire = new String(message.getBody(), StandardCharsets.UTF_8);
            int space = wire.indexOf(' ');
            if (topic == null || space < 0) {
                log.debug("Ignored a message that is not one of ours on {}", new String(message.getChannel(),
                        StandardCharsets.UTF_8));
                return;
            }
            if (space == instance.length() && wire.startsWith(instance)) {
                return; // this instance's own: its subscribers had it when it was published
            }
            subscribers.deliver(topic, wire.substring(space + 1));
        }

        @Override
        public void onChannelSubscribed(byte[] channel, long count) {
            String topic = topicOf(channel);
            if (topic == null) {
                return;
            }
            subscriptions.computeIfAbsent(topic, name -> Counter.builder("shop.cluster.subscriptions")
                    .tag("topic", name)
                    .description("Subscriptions (re)established: the subscribers may have missed messages")
                    .register(meters)).increment();
            subscribers.mayHaveMissed(topic);
        }
    }
}
