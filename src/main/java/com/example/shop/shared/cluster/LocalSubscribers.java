package com.example.shop.shared.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's subscribers, by topic. One subscriber that fails does not keep the message from the others, nor
 * fails the transaction that published it (its commit is over when messages are delivered).
 */
final class LocalSubscribers {

    private static final Logger log = LoggerFactory.getLogger(LocalSubscribers.class);
    /** Topics are short dotted names ({@code catalog.changed}); they become part of a Redis channel's name. */
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    private final Map<String, List<ClusterSubscriber>> byTopic = new ConcurrentHashMap<>();

    static String checked(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Not a topic name: " + topic);
        }
        return topic;
    }

    /** Adds the subscriber; true when it is the topic's first. */
    boolean add(String topic, ClusterSubscriber subscriber) {
        boolean[] first = { false };
        byTopic.computeIfAbsent(checked(topic), name -> {
            first[0] = true;
            return new CopyOnWriteArrayList<>();
        }).add(subscriber);
        return first[0];
    }

    Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }

    void deliver(String topic, String message) {
        each(topic, "a message", subscriber -> subscriber.received(message));
    }

    void mayHaveMissed(String topic) {
        each(topic, "a possible loss", ClusterSubscriber::mayHaveMissed);
    }

    private void each(String topic, String what, Consumer<ClusterSubscriber> call) {
        for (ClusterSubscriber subscriber : byTopic.getOrDefault(topic, List.of())) {
            try {
                call.accept(subscriber);
            } catch (RuntimeException e) {
                log.error("A subscriber of {} failed on {}", topic, what, e);
            }
        }
    }
}
