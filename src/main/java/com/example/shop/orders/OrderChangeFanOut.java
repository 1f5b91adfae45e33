package com.example.shop.orders;

/**
 * Carries "this order changed" from the instance that committed the change to the open order streams
 * ({@code GET /api/orders/{id}/events}) of every instance. Orders call it once per order event, after the
 * transaction committed. The in-JVM implementation hands the change straight to this instance's
 * {@link LocalOrderStreams}; an implementation that spans instances (a message channel every instance
 * subscribes to) takes its place by replacing that bean ({@code shop.orders.events.fan-out}), and calls
 * {@link LocalOrderStreams#changed(OrderId)} on every instance that receives the change.
 * <p>
 * Delivery may be lost (a crash between commit and fan-out, a pub/sub message dropped): the streams also
 * compare versions with the database at every heartbeat, so a lost change arrives one heartbeat late.
 */
public interface OrderChangeFanOut {

    /** The order changed and the change committed; must not block for long (it runs in the committing thread). */
    void changed(OrderId order);
}
