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
    private static final ErrorType ORIGIN_NOT_ALLOWED = new ErrorType("origin-not-allowed", "Origin not allowed", 403);
    private static final ErrorType CORS_NOT_ALLOWED = new ErrorType("cors-not-allowed", "Cross-origin request not allowed",
            403);
    private static final ErrorType UNSUPPORTED_MEDIA_TYPE = new ErrorType("unsupported-media-type",
            "Unsupported media type", 415);

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

    /** A browser's request (or preflight) from an origin the API does not allow (CORS). */
    public static ProblemDetail originNotAllowed() {
        return of(ORIGIN_NOT_ALLOWED, "This origin is not allowed to call the API from a browser.");
    }

    /** An allowed origin's preflight for a method or request headers the API does not allow (CORS). */
    public static ProblemDetail corsNotAllowed() {
        return of(CORS_NOT_ALLOWED,
                "A browser may not send this method or these request headers to the API from another origin.");
    }

    /**
     * A request body sent as anything but JSON: a media type the operation does not take, a wildcard
     * ({@code *}{@code /*}, {@code application/*}) or a {@code Content-Type} that cannot be parsed.
     */
    public static ProblemDetail unsupportedMediaType() {
        return of(UNSUPPORTED_MEDIA_TYPE,
                "Send the request body as JSON, with the header Content-Type: application/json.");
    }

    /** A query parameter or path value that cannot be used (malformed, out of range, undecodable), named. */
    public static ProblemDetail invalidParameter(String name) {
        return withError(of(ErrorType.INVALID_PARAMETER, "Parameter '" + name + "' has an invalid value."), name,
                "invalid value");
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

    /**
     * A problem the framework built, in the shop's words: a stable type, a title and a detail of its own for its
     * status, so that no framework message text (Java types, parser output, the value sent) reaches a client.
     */
    public static ProblemDetail inOwnWords(ProblemDetail problem) {
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        problem.setType(null);
        typed(problem);
        if (status == null) {
            problem.setDetail("The request could not be handled.");
            return problem;
        }
        problem.setTitle(status.getReasonPhrase());
        problem.setDetail(switch (status.value()) {
            case 400 -> "The request could not be read.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take this method; the Allow header lists the ones it takes.";
            case 406 -> "The answer is JSON: accept application/json or application/problem+json.";
            case 413 -> "The request is too large.";
            case 415 -> unsupportedMediaType().getDetail();
            case 431 -> "The request's headers are too large.";
            default -> status.getReasonPhrase() + ".";
        });
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
