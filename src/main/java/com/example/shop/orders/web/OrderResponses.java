package com.example.shop.orders.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.example.shop.orders.internal.OrderDetails;
import com.example.shop.shared.Money;

/** Response bodies of the order endpoints (filled by {@link OrderWebMapper}). */
final class OrderResponses {

    private OrderResponses() {
    }

    record Payment(String provider, String paymentIntentId, String clientSecret, String status, String publishableKey) {
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
    }

    record Summary(UUID id, String status, Money total, int itemCount, Money refundedAmount, boolean disputed,
            Instant createdAt, Instant paidAt) {
    }

    record AdminSummary(UUID id, UUID customerId, String status, Money total, int itemCount, Money refundedAmount,
            boolean disputed, Instant createdAt, Instant paidAt) {
    }
}
