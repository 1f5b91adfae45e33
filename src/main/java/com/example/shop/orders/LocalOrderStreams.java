package com.example.shop.orders;

/**
 * This instance's open order streams. A {@link OrderChangeFanOut} hands every change it receives here; the
 * streams of that order then read the order once and send it to each of them. Returns at once: the reading
 * and sending happen on the streams' own threads.
 */
public interface LocalOrderStreams {

    void changed(OrderId order);
}
