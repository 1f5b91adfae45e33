package com.example.shop.orders;

/**
 * This instance's open order streams. A {@link OrderChangeFanOut} hands every change it receives here; the
 * streams of that order then read the order once and send it to each of them. Returns at once: the reading
 * and sending happen on the streams' own threads.
 */
public interface LocalOrderStreams {

    void changed(OrderId order);

    /**
     * Changes may have been lost on their way here (the channel between instances was down): the streams compare
     * their orders' versions with the database now, as they do at every heartbeat, instead of waiting for it.
     */
    void mayHaveMissedChanges();
}
