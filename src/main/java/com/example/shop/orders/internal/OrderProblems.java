package com.example.shop.orders.internal;

import java.util.List;
import java.util.UUID;

import com.example.shop.orders.OrderId;

/** What can go wrong with orders; the web layer maps each to a problem response. */
public final class OrderProblems {

    private OrderProblems() {
    }

    /** No such order, or one the caller may not see. */
    public static final class OrderNotFound extends RuntimeException {
        public OrderNotFound(UUID id) {
            super("Order " + id + " not found");
        }
    }

    public static final class IllegalTransition extends RuntimeException {
        public IllegalTransition(OrderId id, OrderStatus from, OrderStatus to) {
            super("Order " + id + " is " + from + " and cannot become " + to);
        }

        public IllegalTransition(OrderId id, OrderStatus from, OrderStatus to, String why) {
            super("Order " + id + " is " + from + " and cannot become " + to + ": " + why);
        }
    }

    public static final class NotRefundable extends RuntimeException {
        public NotRefundable(OrderId id, String why) {
            super("Order " + id + " cannot be refunded: " + why);
        }
    }

    public static final class CartNotFound extends RuntimeException {
        public CartNotFound(UUID id) {
            super("Cart " + id + " not found");
        }
    }

    public static final class EmptyCart extends RuntimeException {
        public EmptyCart() {
            super("The cart is empty");
        }
    }

    public static final class UnavailableProducts extends RuntimeException {
        private final List<UUID> productIds;

        public UnavailableProducts(List<UUID> productIds) {
            super("Some products in the cart are no longer on sale");
            this.productIds = List.copyOf(productIds);
        }

        public List<UUID> productIds() {
            return productIds;
        }
    }

    /** The same Idempotency-Key was used before with a different request. */
    public static final class IdempotencyKeyReused extends RuntimeException {
        public IdempotencyKeyReused() {
            super("This Idempotency-Key was already used with a different request");
        }
    }

    /** A request with the same Idempotency-Key is still being processed. */
    public static final class IdempotentRequestInProgress extends RuntimeException {
        public IdempotentRequestInProgress() {
            super("A request with this Idempotency-Key is still in progress; retry shortly");
        }

        public IdempotentRequestInProgress(String message) {
            super(message);
        }
    }
}
