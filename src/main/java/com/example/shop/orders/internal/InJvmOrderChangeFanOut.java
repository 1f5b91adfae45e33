package com.example.shop.orders.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.example.shop.orders.LocalOrderStreams;
import com.example.shop.orders.OrderChangeFanOut;
import com.example.shop.orders.OrderId;

/**
 * The fan-out of a single instance: a change reaches this instance's streams only. The default
 * ({@code shop.orders.events.fan-out=jvm}); with several instances behind a load balancer, an implementation
 * across instances replaces it.
 */
@Component
@ConditionalOnProperty(name = "shop.orders.events.fan-out", havingValue = "jvm", matchIfMissing = true)
class InJvmOrderChangeFanOut implements OrderChangeFanOut {

    private final LocalOrderStreams streams;

    InJvmOrderChangeFanOut(LocalOrderStreams streams) {
        this.streams = streams;
    }

    @Override
    public void changed(OrderId order) {
        streams.changed(order);
    }
}
