package com.example.shop.shared.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * Builds the one answer to every failed request: an RFC 9457 problem ({@code application/problem+json}) whose
 * {@code type} is a stable URI ({@code https://shop.example/problems/<slug>}) that clients may switch on. The
 * {@link ExceptionTranslator} uses it for exceptions; filters and security entry points that answer before
 * Spring MVC write what it builds with {@link ProblemResponseWriter}.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://shop.example/problems/";

    private static final ErrorType UNAUTHORIZED = new ErrorType("unauthorized", "Unauthorized", 401);
    private static final ErrorType FORBIDDEN = new ErrorType("forbidden", "Forbidden", 403);

    /** One entry of a problem's {@code errors}: which field (null when it cannot be told) and what is wrong. */
    @Schema(name = "ProblemFieldError")
    public record FieldError(@Schema(example = "password") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String field,
            @Schema(example = "size must be between 8 and 72") String message) {
    }

    private Problems() {
    }

    public static ProblemDetail of(ErrorType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
        problem.setType(URI.create(TYPE_BASE + type.slug()));
        problem.setTitle(type.title());
        return problem;
    }

    /**
     * A module's exception as a problem: its type and detail, the field at fault under {@code errors}, its own
     * properties, and for a 429 the wait as {@code retryAfterSeconds} (the header is the caller's to set).
     */
    public static ProblemDetail of(ShopException failure) {
        ProblemDetail problem = of(failure.type(), failure.detail());
        String field = failure.field();
        if (field != null) {
            withError(problem, field, failure.detail());
        }
        failure.properties().forEach(problem::setProperty);
        Duration retryAfter = failure.retryAfter();
        if (retryAfter != null && failure.type().status() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            problem.setProperty("retryAfterSeconds", retryAfter.toSeconds());
        }
        return problem;
    }

    /** No valid access token came with a request that needs one. */
    public static ProblemDetail unauthorized() {
        return of(UNAUTHORIZED, "A valid access token is required.");
    }

    /** The caller is known but lacks the role. */
    public static ProblemDetail forbidden() {
        return of(FORBIDDEN, "You are not allowed to do this.");
    }

    /** A validation problem listing what is wrong with which field. */
    public static ProblemDetail validation(List<FieldError> errors) {
        return withErrors(of(ErrorType.VALIDATION, "The request has " + errors.size() + " invalid field(s)."), errors);
    }

    /** Lists what is wrong with which field, as every validation problem does. */
    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail withError(ProblemDetail problem, @Nullable String field, String message) {
        return withErrors(problem, List.of(new FieldError(field, message)));
    }

    /** The answer to an unexpected failure: nothing of it but the id under which it was logged. */
    public static ProblemDetail internalError(String correlationId) {
        ProblemDetail problem = of(new ErrorType("internal-error", "Internal error", 500),
                "Something went wrong on our side. Quote the correlation id when you report it.");
        problem.setProperty("correlationId", correlationId);
        return problem;
    }

    /** Gives a problem the framework built a stable type named after its status instead of {@code about:blank}. */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            String slug = status == null ? "error"
                    : status.getReasonPhrase().toLowerCase().replaceAll("[^a-z]+", "-");
            problem.setType(URI.create(TYPE_BASE + slug));
        }
        return problem;
    }
}
