package com.example.shop.payments;

import com.example.shop.shared.Money;

/** One refund of a payment and the total refunded so far. {@code status} is Stripe's refund status. */
public record RefundView(String reference, String refundId, Money amount, String status, Money totalRefunded) {
}
