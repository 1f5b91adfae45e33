package com.example.shop.orders.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.catalog.InsufficientStock;
import com.example.shop.orders.internal.OrderProblems;
import com.example.shop.shared.web.Problems;

@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblemHandler {

    record Shortage(String productId, int requested, int available) {
    }

    @ExceptionHandler(InsufficientStock.class)
    ProblemDetail insufficientStock(InsufficientStock e) {
        ProblemDetail problem = Problems.conflict("insufficient-stock", "Not enough stock",
                "Some products do not have the requested quantity available; nothing was ordered.");
        List<Shortage> products = e.shortages().stream()
                .map(s -> new Shortage(s.productId().toString(), s.requested(), s.available())).toList();
        problem.setProperty("products", products);
        return problem;
    }

    @ExceptionHandler(OrderProblems.OrderNotFound.class)
    ProblemDetail notFound(OrderProblems.OrderNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e.getMessage());
    }

    @ExceptionHandler(OrderProblems.CartNotFound.class)
    ProblemDetail cartNotFound(OrderProblems.CartNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "cart-not-found", "Cart not found", e.getMessage());
    }

    @ExceptionHandler(OrderProblems.EmptyCart.class)
    ProblemDetail emptyCart(OrderProblems.EmptyCart e) {
        return Problems.badRequest("empty-cart", "Empty cart", "There is nothing in the cart to order.");
    }

    @ExceptionHandler(OrderProblems.UnavailableProducts.class)
    ProblemDetail unavailable(OrderProblems.UnavailableProducts e) {
        ProblemDetail problem = Problems.conflict("product-unavailable", "Products no longer on sale", e.getMessage());
        problem.setProperty("productIds", e.productIds());
        return problem;
    }

    @ExceptionHandler(OrderProblems.IllegalTransition.class)
    ProblemDetail illegalTransition(OrderProblems.IllegalTransition e) {
        return Problems.conflict("illegal-order-transition", "Not possible in this order status", e.getMessage());
    }

    @ExceptionHandler(OrderProblems.NotRefundable.class)
    ProblemDetail notRefundable(OrderProblems.NotRefundable e) {
        return Problems.conflict("not-refundable", "Nothing to refund", e.getMessage());
    }

    @ExceptionHandler(OrderProblems.IdempotencyKeyReused.class)
    ProblemDetail keyReused(OrderProblems.IdempotencyKeyReused e) {
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
                e.getMessage());
    }

    @ExceptionHandler(OrderProblems.IdempotentRequestInProgress.class)
    ProblemDetail inProgress(OrderProblems.IdempotentRequestInProgress e) {
        return Problems.conflict("request-in-progress", "Request in progress", e.getMessage());
    }
}
