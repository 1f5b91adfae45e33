package com.example.shop.payments.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.payments.PaymentNotFound;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.RefundNotPossible;
import com.example.shop.payments.internal.InvalidWebhook;
import com.example.shop.payments.internal.WebhookRetryLater;
import com.example.shop.shared.web.Problems;

/** The payments module's exceptions as problem details, wherever they surface (here or in orders' endpoints). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PaymentProblems {

    private static final Logger log = LoggerFactory.getLogger(PaymentProblems.class);
    private static final String RETRY_AFTER_SECONDS = Long.toString(Duration.ofSeconds(30).toSeconds());

    @ExceptionHandler(InvalidWebhook.class)
    ResponseEntity<ProblemDetail> invalidWebhook(InvalidWebhook e) {
        log.warn("Rejected a Stripe webhook request: {}", e.getMessage());
        return problem(Problems.badRequest("invalid-webhook-signature", "Invalid webhook signature", e.getMessage()),
                null);
    }

    @ExceptionHandler(WebhookRetryLater.class)
    ResponseEntity<ProblemDetail> retryLater(WebhookRetryLater e) {
        log.warn("Stripe webhook deferred: {}", e.getMessage());
        return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "webhook-retry-later", "Try again later",
                e.getMessage()), RETRY_AFTER_SECONDS);
    }

    @ExceptionHandler(PaymentProviderUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(PaymentProviderUnavailable e) {
        return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "payment-provider-unavailable",
                "Payment provider unavailable", "The payment provider is not available right now; try again later."),
                RETRY_AFTER_SECONDS);
    }

    @ExceptionHandler(PaymentRejected.class)
    ResponseEntity<ProblemDetail> rejected(PaymentRejected e) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "payment-rejected", "Payment rejected",
                e.getMessage());
        if (e.code() != null) {
            problem.setProperty("code", e.code());
        }
        return problem(problem, null);
    }

    @ExceptionHandler(RefundNotPossible.class)
    ResponseEntity<ProblemDetail> refundNotPossible(RefundNotPossible e) {
        return problem(Problems.conflict("refund-not-possible", "Refund not possible", e.getMessage()), null);
    }

    @ExceptionHandler(PaymentNotFound.class)
    ResponseEntity<ProblemDetail> notFound(PaymentNotFound e) {
        return problem(Problems.notFound(e.getMessage()), null);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, String retryAfter) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(problem);
    }
}
