package com.example.shop.shared;

import java.util.Objects;

/**
 * What kind of failure a {@link ShopException} is, as clients see it: a stable {@code slug} (the problem
 * type {@code https://shop.example/problems/<slug>} that clients switch on), a short {@code title} that is
 * the same for every failure of the type, and the HTTP {@code status} it answers with.
 */
public record ErrorType(String slug, String title, int status) {

    /** No such thing, or one the caller may not see (never say which). */
    public static final ErrorType NOT_FOUND = new ErrorType("not-found", "Not found", 404);

    /** A request field breaks a rule; the failure names the field. */
    public static final ErrorType VALIDATION = new ErrorType("validation", "Invalid request", 400);

    /** A query parameter or path value that cannot be used; the failure names the parameter. */
    public static final ErrorType INVALID_PARAMETER = new ErrorType("invalid-parameter", "Invalid parameter", 400);

    /** Someone else changed the resource since the caller read it. */
    public static final ErrorType STALE_VERSION = new ErrorType("stale-version", "Stale version", 409);

    public ErrorType {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("slug must be lower-case words joined by '-': " + slug);
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status: " + status);
        }
    }
}
