package com.example.shop.orders.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.shop.orders.LocalOrderStreams;
import com.example.shop.orders.OrderChangeFanOut;
import com.example.shop.orders.OrderId;
import com.example.shop.shared.cluster.ClusterChannel;
import com.example.shop.shared.cluster.ClusterSubscriber;

/**
 * The fan-out across instances ({@code shop.orders.events.fan-out=cluster}, the default with Redis): a change is
 * published on the cluster channel's topic {@value #TOPIC} (the message is the order's id), and every instance
 * that receives it hands it to its own streams. This instance's streams get it at once, in the committing thread's
 * after-commit step, as with the in-JVM fan-out; the others within milliseconds while Redis is up. When the channel
 * was down (the subscription was made again), every open stream compares its order's version with the database at
 * once, so a change lost meanwhile is not left for the next heartbeat.
 */
final class ClusterOrderChangeFanOut implements OrderChangeFanOut {

    static final String TOPIC = "orders.changed";
    private static final Logger log = LoggerFactory.getLogger(ClusterOrderChangeFanOut.class);

    private final ClusterChannel cluster;

    ClusterOrderChangeFanOut(ClusterChannel cluster, LocalOrderStreams streams) {
        this.cluster = cluster;
        cluster.subscribe(TOPIC, new ClusterSubscriber() {
            @Override
            public void received(String message) {
                try {
                    streams.changed(new OrderId(UUID.fromString(message)));
                } catch (IllegalArgumentException notAnOrder) {
                    log.warn("Ignored a message on {} that names no order: {}", TOPIC, message);
                }
            }

            @Override
            public void mayHaveMissed() {
                streams.mayHaveMissedChanges();
            }
        });
    }

    /** Called after the change committed, so it publishes at once. */
    @Override
    public void changed(OrderId order) {
        cluster.publish(TOPIC, order.value().toString());
    }
}
