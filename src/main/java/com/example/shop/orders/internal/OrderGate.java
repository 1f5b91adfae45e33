package com.example.shop.orders.internal;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.example.shop.orders.OrderId;

/**
 * The one check of who may use an order: its customer, an admin, or the holder of its access key (throttled
 * against guessing). Everyone else, a wrong or missing key included, is told the order does not exist.
 */
@Component
class OrderGate {

    private final OrderKeyThrottle throttle;

    OrderGate(OrderKeyThrottle throttle) {
        this.throttle = throttle;
    }

    /** The order {@code load} finds, if {@code access} may use it; otherwise {@link OrderNotFound}. */
    Order admit(OrderId id, OrderAccess access, Supplier<Optional<Order>> load) {
        if (access instanceof OrderAccess.AsCustomer customer) {
            return load.get().filter(order -> customer.admin() || order.belongsTo(customer.customer()))
                    .orElseThrow(() -> new OrderNotFound(id.value()));
        }
        if (access instanceof OrderAccess.WithKey key) {
            throttle.acquire(id, key.clientAddress());
            Order order = load.get().filter(o -> o.opensWith(key.key()))
                    .orElseThrow(() -> new OrderNotFound(id.value()));
            throttle.succeeded(id, key.clientAddress());
            return order;
        }
        return load.get().orElseThrow(() -> new OrderNotFound(id.value()));
    }

    /** Whether the caller acts as the order's owner (its customer, or its guest), not as an admin. */
    static boolean asOwner(Order order, OrderAccess access) {
        if (access instanceof OrderAccess.AsCustomer customer) {
            return order.belongsTo(customer.customer());
        }
        return access instanceof OrderAccess.WithKey;
    }
}
