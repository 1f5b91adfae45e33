package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.example.shop.shared.Money;

/** Everything about one order, read in one query (order and lines). */
public record OrderDetails(UUID id, UUID customerId, OrderStatus status, List<Line> lines, Money subtotal, Money total,
        Address shippingAddress, Instant createdAt, Instant paidAt, Instant shippedAt, Instant cancelledAt,
        String cancellationReason, Money refundedAmount, boolean disputed, String disputeStatus, String carrier,
        String trackingNumber, String paymentIntentId, String latePaymentIntentId) {

    public record Line(UUID productId, String sku, String name, Money unitPrice, int quantity, Money lineTotal) {
    }

    public record Address(String name, String line1, String line2, String city, String postalCode, String country) {

        ShippingAddress toEmbedded() {
            return new ShippingAddress(name, line1, line2, city, postalCode, country);
        }
    }

    static OrderDetails of(Order order) {
        ShippingAddress a = order.shippingAddress();
        return new OrderDetails(order.id(), order.customer().value(), order.status(),
                order.lines().stream().map(line -> new Line(line.productId(), line.sku(), line.name(),
                        line.unitPrice(), line.quantity(), line.lineTotal()))
                        .toList(),
                order.subtotal(), order.total(),
                a == null ? null : new Address(a.name(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country()),
                order.createdAt(), order.paidAt(), order.shippedAt(), order.cancelledAt(), order.cancellationReason(),
                order.refunded(), order.disputed(), order.disputeStatus(), order.carrier(), order.trackingNumber(),
                order.paymentIntentId(), order.latePaymentIntentId());
    }
}
