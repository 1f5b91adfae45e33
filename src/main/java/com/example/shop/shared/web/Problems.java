package com.example.shop.shared.web;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one vocabulary for errors: RFC 9457 problem details whose {@code type} is a stable URI
 * ({@code https://shop.example/problems/<slug>}) that clients may switch on.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://shop.example/problems/";

    /** One entry of a problem's {@code errors}: which field (null when it cannot be told) and what is wrong. */
    @Schema(name = "ProblemFieldError")
    public record FieldError(@Schema(example = "password") @JsonInclude(JsonInclude.Include.ALWAYS) String field,
            @Schema(example = "size must be between 8 and 72") String message) {
    }

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    /** Lists what is wrong with which field, as every validation problem does. */
    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail withError(ProblemDetail problem, String field, String message) {
        return withErrors(problem, List.of(new FieldError(field, message)));
    }

    public static ProblemDetail notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    public static ProblemDetail conflict(String slug, String title, String detail) {
        return of(HttpStatus.CONFLICT, slug, title, detail);
    }

    public static ProblemDetail badRequest(String slug, String title, String detail) {
        return of(HttpStatus.BAD_REQUEST, slug, title, detail);
    }
}
