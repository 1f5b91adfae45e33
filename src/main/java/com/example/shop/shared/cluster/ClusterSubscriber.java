package com.example.shop.shared.cluster;

/**
 * What a topic's messages do on this instance. Both methods must return quickly and must not throw: they run on
 * the publishing thread for this instance's own messages and on the channel's one receiving thread for others'.
 */
public interface ClusterSubscriber {

    /** A message of the topic, from this instance or another. */
    void received(String message);

    /**
     * Messages of the topic may have been lost: the subscription was (re)established, after start-up or after the
     * connection to the other instances was down. Drop whatever a lost message would have dropped.
     */
    void mayHaveMissed();
}
