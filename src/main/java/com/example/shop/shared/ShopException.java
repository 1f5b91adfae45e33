package com.example.shop.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * A request broke a rule of the shop. Every module's exceptions extend this one and are named in the
 * module's own language ({@code CartFull}, {@code InsufficientStock}, {@code EmailAlreadyRegistered});
 * each carries its {@link ErrorType} and a detail for the client. The web layer translates every one the
 * same way into an RFC 9457 problem, so a module that needs a new kind of failure adds an exception, never
 * a handler.
 * <p>
 * A failure about one request field or parameter names it ({@link #field()}); the answer then lists it under
 * {@code errors} as a validation problem does. What a subclass may add, by overriding:
 * <ul>
 * <li>{@link #properties()}: further members of the problem body ({@code maxLines}, {@code products}, ...);</li>
 * <li>{@link #retryAfter()}: sent as {@code Retry-After}; a 429 also states it as {@code retryAfterSeconds};</li>
 * <li>{@link #logLevel()}: failures an operator should see although the request is to blame.</li>
 * </ul>
 */
public abstract class ShopException extends RuntimeException {

    private final ErrorType type;
    private final @Nullable String field;

    protected ShopException(ErrorType type, String detail) {
        this(type, detail, null, null, true);
    }

    protected ShopException(ErrorType type, String detail, @Nullable Throwable cause) {
        this(type, detail, cause, null, true);
    }

    /** A failure about the request field or parameter {@code field}, named as the client named it. */
    protected ShopException(ErrorType type, String detail, String field) {
        this(type, detail, null, Objects.requireNonNull(field, "field"), true);
    }

    /**
     * For failures that are expected often and say all there is to say in their detail (a wrong password,
     * a throttled client): no stack trace is filled in.
     */
    protected ShopException(ErrorType type, String detail, boolean withStackTrace) {
        this(type, detail, null, null, withStackTrace);
    }

    private ShopException(ErrorType type, String detail, @Nullable Throwable cause, @Nullable String field,
            boolean withStackTrace) {
        super(detail, cause, withStackTrace, withStackTrace);
        this.type = Objects.requireNonNull(type, "type");
        this.field = field;
    }

    public final ErrorType type() {
        return type;
    }

    /** What went wrong with this request, for the client; by default the message. */
    public String detail() {
        return Objects.requireNonNullElse(getMessage(), type.title());
    }

    /** The request field or parameter at fault, as the client named it; null when the failure is not about one. */
    public final @Nullable String field() {
        return field;
    }

    /** Further members of the problem body, in the order they are to appear. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** How long the client should wait before it sends the request again; null when there is nothing to wait for. */
    public @Nullable Duration retryAfter() {
        return null;
    }

    /** The level at which the answer is logged; null (the default) when the request alone is to blame. */
    public @Nullable Level logLevel() {
        return null;
    }
}
