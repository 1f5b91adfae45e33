package com.example.shop.shared.cluster;

/**
 * The channel of a single instance (no Redis configured): every message goes to this instance's subscribers, in
 * the publishing thread, and nothing is ever missed. Behaves exactly as a direct call.
 */
final class InJvmClusterChannel implements ClusterChannel {

    private final LocalSubscribers subscribers = new LocalSubscribers();

    @Override
    public void publish(String topic, String message) {
        subscribers.deliver(LocalSubscribers.checked(topic), message);
    }

    @Override
    public void subscribe(String topic, ClusterSubscriber subscriber) {
        subscribers.add(topic, subscriber);
    }
}
