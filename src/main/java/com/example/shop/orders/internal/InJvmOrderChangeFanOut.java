package com.example.shop.orders.internal;

import com.example.shop.orders.LocalOrderStreams;
import com.example.shop.orders.OrderChangeFanOut;
import com.example.shop.orders.OrderId;

/**
 * The fan-out of a single instance ({@code shop.orders.events.fan-out=jvm}, the default without Redis): a change
 * reaches this instance's streams only.
 */
final class InJvmOrderChangeFanOut implements OrderChangeFanOut {

    private final LocalOrderStreams streams;

    InJvmOrderChangeFanOut(LocalOrderStreams streams) {
        this.streams = streams;
    }

    @Override
    public void changed(OrderId order) {
        streams.changed(order);
    }
}
