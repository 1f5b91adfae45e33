package com.example.shop.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/**
 * Everything about one order, read in one query (order and lines): among it the buyer's e-mail address and the
 * breakdown frozen at checkout,
 * {@code subtotal - discount + shipping (+ tax unless taxIncluded) = total}. A guest order ({@code guest}) has no
 * {@code customerId} until a customer claims it.
 */
public record OrderDetails(UUID id, @Nullable UUID customerId, @Nullable String email, boolean guest,
        OrderStatus status, List<Line> lines, Money subtotal, Money discount, Money shipping, Money tax,
        boolean taxIncluded, String taxRate, Money total,
        String shippingMethod, String shippingMethodName, String discountCode,
        Address shippingAddress, Instant createdAt, Instant paidAt, Instant shippedAt, Instant cancelledAt,
        String cancellationReason, Money refundedAmount, boolean disputed, String disputeStatus, String carrier,
        String trackingNumber, String paymentIntentId, String latePaymentIntentId) {

    /** A line; {@code discount} is its share of the order's discount, {@code tax} the tax on it after that. */
    public record Line(UUID productId, String sku, String name, Money unitPrice, int quantity, Money lineTotal,
            Money discount, Money tax) {
    }

    public record Address(String name, String line1, String line2, String city, String postalCode, String country) {

        ShippingAddress toEmbedded() {
            return new ShippingAddress(name, line1, line2, city, postalCode, country);
        }
    }

    static OrderDetails of(Order order) {
        ShippingAddress a = order.shippingAddress();
        return new OrderDetails(order.id(), order.customer() == null ? null : order.customer().value(), order.email(),
                order.isGuestOrder(), order.status(),
                order.lines().stream().map(line -> new Line(line.productId(), line.sku(), line.name(),
                        line.unitPrice(), line.quantity(), line.lineTotal(), line.discount(), line.tax()))
                        .toList(),
                order.subtotal(), order.discount(), order.shipping(), order.tax(), order.taxIncluded(),
                order.taxRate(), order.total(), order.shippingMethod(), order.shippingMethodName(),
                order.discountCode(),
                a == null ? null : new Address(a.name(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country()),
                order.createdAt(), order.paidAt(), order.shippedAt(), order.cancelledAt(), order.cancellationReason(),
                order.refunded(), order.disputed(), order.disputeStatus(), order.carrier(), order.trackingNumber(),
                order.paymentIntentId(), order.latePaymentIntentId());
    }
}
