package com.example.shop.orders.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.example.shop.orders.internal.OrderDetails;
import com.example.shop.orders.internal.OrderSummary;
import com.example.shop.payments.PaymentView;
import com.example.shop.shared.Money;

/** Response bodies of the order endpoints. */
final class OrderResponses {

    private OrderResponses() {
    }

    record Payment(String provider, String paymentIntentId, String clientSecret, String status, String publishableKey) {

        static Payment from(PaymentView view) {
            return new Payment("stripe", view.paymentIntentId(), view.clientSecret(), view.status().name(),
                    view.publishableKey());
        }
    }

    /** {@code payment} is null, not absent, when the payment could not be started yet (the contract says so). */
    record Checkout(UUID orderId, String status, Money total, @JsonInclude(JsonInclude.Include.ALWAYS) Payment payment,
            String paymentNote) {
    }

    record Order(UUID id, String status, List<OrderDetails.Line> lines, Money subtotal, Money total,
            OrderDetails.Address shippingAddress, Instant createdAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant paidAt, Instant shippedAt,
            Instant cancelledAt, String cancellationReason, Money refundedAmount, boolean disputed,
            String disputeStatus, String carrier, String trackingNumber, boolean paidAfterCancellation) {

        static Order from(OrderDetails o) {
            return new Order(o.id(), o.status().name(), o.lines(), o.subtotal(), o.total(), o.shippingAddress(),
                    o.createdAt(), o.paidAt(), o.shippedAt(), o.cancelledAt(), o.cancellationReason(),
                    o.refundedAmount(), o.disputed(), o.disputeStatus(), o.carrier(), o.trackingNumber(),
                    o.latePaymentIntentId() != null);
        }
    }

    record Summary(UUID id, String status, Money total, int itemCount, Money refundedAmount, boolean disputed,
            Instant createdAt, Instant paidAt) {

        static Summary from(OrderSummary o) {
            return new Summary(o.id(), o.status().name(), o.total(), o.itemCount(), o.refundedAmount(), o.disputed(),
                    o.createdAt(), o.paidAt());
        }
    }

    record AdminSummary(UUID id, UUID customerId, String status, Money total, int itemCount, Money refundedAmount,
            boolean disputed, Instant createdAt, Instant paidAt) {

        static AdminSummary from(OrderSummary o) {
            return new AdminSummary(o.id(), o.customerId(), o.status().name(), o.total(), o.itemCount(),
                    o.refundedAmount(), o.disputed(), o.createdAt(), o.paidAt());
        }
    }
}
