package com.example.shop.orders.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import com.example.shop.orders.internal.OrderDetails;
import com.example.shop.shared.Money;

/** Response bodies of the order endpoints (filled by {@link OrderWebMapper}). */
final class OrderResponses {

    private OrderResponses() {
    }

    /**
     * A payment to confirm with Stripe.js; for an order with nothing to pay, {@link #NOT_REQUIRED}: provider
     * {@code none}, status {@code not_required}, and nothing else.
     */
    record Payment(String provider, @Nullable String paymentIntentId, @Nullable String clientSecret, String status,
            @Nullable String publishableKey) {

        static final Payment NOT_REQUIRED = new Payment("none", null, null, "not_required", null);
    }

    /**
     * {@code payment} is null, not absent, when the payment could not be started yet (the contract says so). The
     * breakdown is the order's: {@code subtotal - discount + shipping (+ tax unless taxIncluded) = total}.
     */
    record Checkout(UUID orderId, String status, Money subtotal, Money discount, Money shipping, Money tax,
            boolean taxIncluded, Money total,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String shippingMethod,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String discountCode,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Payment payment, @Nullable String paymentNote,
            @Schema(description = "Only for a guest checkout: the secret that opens the order in the Order-Access-Key "
                    + "header. Shown in this answer only; keep it (the shop stores only its hash)")
            @Nullable String orderAccessKey) {
    }

    /** What checkout would charge now: the order it would place, in the same shape. */
    record Quote(List<OrderDetails.Line> lines, Money subtotal, Money discount, Money shipping, Money tax,
            boolean taxIncluded, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String taxRate, Money total,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String shippingMethod,
            @Nullable String shippingMethodName, @Nullable Integer estimatedDays,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String discountCode) {
    }

    /** A shipping method offered for a country, priced for a cart ({@code price} is zero from {@code freeAbove} on). */
    record ShippingMethod(String code, String name, Money price,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Money freeAbove,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer estimatedDays) {
    }

    record Order(UUID id, String status,
            @Schema(description = "Placed without an account (it stays true once a customer claims the order)") boolean guest,
            @Nullable String email, List<OrderDetails.Line> lines, Money subtotal, Money discount,
            Money shipping, Money tax, boolean taxIncluded,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String taxRate, Money total,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String shippingMethod,
            @Nullable String shippingMethodName,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String discountCode,
            OrderDetails.Address shippingAddress, Instant createdAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) Instant paidAt, Instant shippedAt,
            Instant cancelledAt, String cancellationReason, Money refundedAmount, boolean disputed,
            String disputeStatus, String carrier, String trackingNumber, boolean paidAfterCancellation) {
    }

    record Summary(UUID id, String status, Money total, int itemCount, Money refundedAmount, boolean disputed,
            Instant createdAt, Instant paidAt) {
    }

    /** {@code customerId} is null for a guest order nobody has claimed; {@code email} is the buyer's. */
    record AdminSummary(UUID id, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable UUID customerId, @Nullable String email, boolean guest, String status, Money total, int itemCount, Money refundedAmount,
            boolean disputed, Instant createdAt, Instant paidAt) {
    }
}
