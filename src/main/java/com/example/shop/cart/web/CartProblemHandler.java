package com.example.shop.cart.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.cart.internal.CartProblems;
import com.example.shop.shared.web.Problems;

@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CartProblemHandler {

    @ExceptionHandler(CartProblems.CartNotFound.class)
    ProblemDetail cartNotFound(CartProblems.CartNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "cart-not-found", "Cart not found", e.getMessage());
    }

    @ExceptionHandler(CartProblems.ItemNotFound.class)
    ProblemDetail itemNotFound(CartProblems.ItemNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "cart-item-not-found", "Cart item not found", e.getMessage());
    }

    @ExceptionHandler(CartProblems.ProductNotFound.class)
    ProblemDetail productNotFound(CartProblems.ProductNotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "product-not-found", "Product not found", e.getMessage());
    }

    /** E.g. a line that would pass 99 with what is already in it: a validation problem about the quantity. */
    @ExceptionHandler(CartProblems.QuantityOutOfRange.class)
    ProblemDetail quantity(CartProblems.QuantityOutOfRange e) {
        return Problems.withError(Problems.badRequest("invalid-quantity", "Invalid quantity", e.getMessage()),
                "quantity", e.getMessage());
    }

    @ExceptionHandler(CartProblems.CartFull.class)
    ProblemDetail cartFull(CartProblems.CartFull e) {
        ProblemDetail problem = Problems.conflict("cart-full", "Cart is full", e.getMessage());
        problem.setProperty("maxLines", e.maxLines());
        return problem;
    }

    @ExceptionHandler(CartProblems.NotEnoughStock.class)
    ProblemDetail notEnoughStock(CartProblems.NotEnoughStock e) {
        ProblemDetail problem = Problems.conflict("insufficient-stock", "Not enough stock", e.getMessage());
        problem.setProperty("productId", e.productId().value());
        problem.setProperty("requested", e.requested());
        problem.setProperty("available", e.available());
        return problem;
    }
}
