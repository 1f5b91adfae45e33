package com.example.shop.orders.internal;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.example.shop.orders.OrderId;
import com.example.shop.shared.ratelimit.RateLimit;
import com.example.shop.shared.ratelimit.RateLimitPolicy;
import com.example.shop.shared.ratelimit.RateLimits;

/**
 * Guessing a guest order's access key: every use of a key takes a permit per client address
 * ({@code orders.access-key-per-address}, 30 per 10 minutes by default) and per order
 * ({@code orders.access-key-per-order}, 10 per 10 minutes); the right key gives both back, so only wrong keys
 * count. With the shared store down both refuse (fail closed): a key is only ever guessed, and the guest's own
 * reads are refused for a while rather than guessing made easier. The per-order limit means wrong keys sent for an
 * order also lock its guest out until the bucket refills; with 256-bit keys that is the only thing guessing can do.
 */
@Component
class OrderKeyThrottle {

    private final RateLimit byAddress;
    private final RateLimit byOrder;

    OrderKeyThrottle(RateLimits limits) {
        this.byAddress = limits.limit("orders.access-key-per-address",
                RateLimitPolicy.of(30, Duration.ofMinutes(10)).whenStoreDown(RateLimitPolicy.WhenStoreDown.REJECT));
        this.byOrder = limits.limit("orders.access-key-per-order",
                RateLimitPolicy.of(10, Duration.ofMinutes(10)).whenStoreDown(RateLimitPolicy.WhenStoreDown.REJECT));
    }

    /** Takes one attempt for the address and the order, or throws when either has none left. */
    void acquire(OrderId order, String address) {
        Optional<Duration> wait = byAddress.tryTake(address);
        if (wait.isPresent()) {
            throw new AccessKeyGuessing(wait.get());
        }
        wait = byOrder.tryTake(order.toString());
        if (wait.isPresent()) {
            byAddress.giveBack(address);
            throw new AccessKeyGuessing(wait.get());
        }
    }

    /** The key was right: its attempt does not count. */
    void succeeded(OrderId order, String address) {
        byAddress.giveBack(address);
        byOrder.giveBack(order.toString());
    }
}
