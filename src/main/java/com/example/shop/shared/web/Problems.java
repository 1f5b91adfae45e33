package com.example.shop.shared.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one vocabulary for errors: RFC 9457 problem details whose {@code type} is a stable URI
 * ({@code https://shop.example/problems/<slug>}) that clients may switch on.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://shop.example/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
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
