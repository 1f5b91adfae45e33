package com.example.shop.shared.cluster;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Small messages on named topics to every instance of the deployment, this one included: "the catalog changed",
 * "these variants' stock moved", "this order changed". A message is a hint to drop or re-read something, never the
 * data itself, so losing one costs freshness, not correctness: delivery is at most once, and a subscriber is told
 * when it may have missed messages ({@link ClusterSubscriber#mayHaveMissed()}).
 * <p>
 * This instance's subscribers get a message at once, in the publishing thread (so a single instance behaves as if
 * there were no channel); other instances' subscribers get it on a thread of the channel, within milliseconds when
 * their connection is up. Publishing never throws and never waits for the network: a message that cannot be sent
 * is logged and counted, and what it would have dropped elsewhere expires with its own TTL.
 */
public interface ClusterChannel {

    /** Sends the message to this topic's subscribers on every instance, now. */
    void publish(String topic, String message);

    /** Receives this topic's messages on this instance from now on. */
    void subscribe(String topic, ClusterSubscriber subscriber);

    /**
     * {@link #publish} once the current transaction has committed (never when it rolled back); at once when no
     * transaction is active. A message sent before the commit would let another instance read the old rows again.
     */
    default void publishAfterCommit(String topic, String message) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(topic, message);
            return;
        }
        // afterCompletion rather than afterCommit: also runs when registered from another synchronization's afterCommit
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status == STATUS_COMMITTED) {
                    publish(topic, message);
                }
            }
        });
    }
}
