package com.example.shop.customers.web;

import java.time.Duration;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.customers.internal.AddressBookFull;
import com.example.shop.customers.internal.AddressNotFound;
import com.example.shop.customers.internal.CustomerNotFound;
import com.example.shop.customers.internal.EmailAlreadyRegistered;
import com.example.shop.customers.internal.InvalidCredentials;
import com.example.shop.customers.internal.InvalidRefreshToken;
import com.example.shop.customers.internal.InvalidResetToken;
import com.example.shop.customers.internal.LoginThrottled;
import com.example.shop.customers.internal.PasswordTooLong;
import com.example.shop.customers.internal.TooManyRequests;
import com.example.shop.shared.web.Problems;

/** The customers module's problems. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CustomersProblems {

    @ExceptionHandler(EmailAlreadyRegistered.class)
    ResponseEntity<ProblemDetail> emailTaken(EmailAlreadyRegistered e) {
        return problem(Problems.conflict("email-taken", "E-mail already registered", e.getMessage()));
    }

    @ExceptionHandler(PasswordTooLong.class)
    ResponseEntity<ProblemDetail> passwordTooLong(PasswordTooLong e) {
        return problem(Problems.badRequest("password-too-long", "Password too long", e.getMessage()));
    }

    @ExceptionHandler(InvalidCredentials.class)
    ResponseEntity<ProblemDetail> invalidCredentials(InvalidCredentials e) {
        return problem(Problems.of(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
                e.getMessage()));
    }

    @ExceptionHandler(InvalidRefreshToken.class)
    ResponseEntity<ProblemDetail> invalidRefreshToken(InvalidRefreshToken e) {
        return problem(Problems.of(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
                e.getMessage()));
    }

    @ExceptionHandler(LoginThrottled.class)
    ResponseEntity<ProblemDetail> throttled(LoginThrottled e) {
        return tooMany(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts",
                "Too many login attempts", e.getMessage() + " Try again later."), e.retryAfter());
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequests e) {
        return tooMany(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                e.getMessage() + " Try again later."), e.retryAfter());
    }

    private static ResponseEntity<ProblemDetail> tooMany(ProblemDetail problem, Duration retryAfter) {
        problem.setProperty("retryAfterSeconds", retryAfter.toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(InvalidResetToken.class)
    ResponseEntity<ProblemDetail> invalidResetToken(InvalidResetToken e) {
        return problem(Problems.badRequest("invalid-reset-token", "Invalid password-reset token", e.getMessage()));
    }

    @ExceptionHandler(CustomerNotFound.class)
    ResponseEntity<ProblemDetail> customerNotFound(CustomerNotFound e) {
        return problem(Problems.notFound(e.getMessage()));
    }

    @ExceptionHandler(AddressNotFound.class)
    ResponseEntity<ProblemDetail> addressNotFound(AddressNotFound e) {
        return problem(Problems.notFound(e.getMessage()));
    }

    @ExceptionHandler(AddressBookFull.class)
    ResponseEntity<ProblemDetail> addressBookFull(AddressBookFull e) {
        return problem(Problems.conflict("address-book-full", "Address book full", e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
