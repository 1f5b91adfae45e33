package com.example.shop.orders.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.customers.CustomerId;
import com.example.shop.orders.OrderId;

/** Reading orders: one with its lines, and pages of summaries for their owner or an admin. */
@Service
@Transactional(readOnly = true)
public class OrderQueryService {

    private final OrderRepository orders;
    private final OrderGate gate;

    OrderQueryService(OrderRepository orders, OrderGate gate) {
        this.orders = orders;
        this.gate = gate;
    }

    /** The order with its lines, for its owner or an admin; anyone else is told it does not exist. */
    public OrderDetails details(OrderId orderId, CustomerId caller, boolean admin) {
        return details(orderId, OrderAccess.customer(caller, admin));
    }

    /**
     * The order with its lines, for its customer, an admin or the holder of its access key; anyone else, a wrong
     * key included, is told it does not exist.
     */
    public OrderDetails details(OrderId orderId, OrderAccess access) {
        return OrderDetails.of(gate.admit(orderId, access, () -> orders.findWithLines(orderId.value())));
    }

    public Page<OrderSummary> mine(CustomerId customer, Pageable page) {
        return summaries(orders.findByCustomer(customer.value(), page));
    }

    public Page<OrderSummary> all(Optional<OrderStatus> status, Pageable page) {
        return summaries(status.map(s -> orders.findByStatus(s, page)).orElseGet(() -> orders.findAllNewestFirst(page)));
    }

    /** The page's orders with their item counts, counted for the whole page in one query. */
    private Page<OrderSummary> summaries(Page<Order> page) {
        List<UUID> ids = page.getContent().stream().map(Order::id).toList();
        Map<UUID, Long> counts = ids.isEmpty() ? Map.of()
                : orders.countItems(ids).stream().collect(Collectors.toMap(ItemCount::orderId, ItemCount::items));
        return page.map(order -> OrderSummary.of(order, counts.getOrDefault(order.id(), 0L).intValue()));
    }
}
