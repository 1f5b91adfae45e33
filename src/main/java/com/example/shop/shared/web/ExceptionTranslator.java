package com.example.shop.shared.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;

import jakarta.validation.ConstraintViolationException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.core.MethodParameter;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.ShopException;

/**
 * The one translation of exceptions into answers: every failed request is answered with an RFC 9457 problem
 * ({@code application/problem+json}, built by {@link Problems}). A module's own failures are
 * {@link ShopException}s, translated generically from what they carry; the framework's exceptions (validation,
 * unreadable bodies, missing parameters, security, lost database locks) are translated here one by one; anything
 * else is an unexpected 500. No module has a handler of its own: a new kind of failure is a new exception.
 * <p>
 * No answer carries a stack trace, SQL or a class name. A 500 is logged with the request's correlation id, and
 * the body carries that id.
 * <p>
 * Every 429 is counted in {@code shop.rate-limit.rejections}, tagged with the limit's problem type
 * ({@code limit=too-many-login-attempts}, ...): rejections are where a limit is felt, whichever module throttles.
 */
@RestControllerAdvice
class ExceptionTranslator extends ResponseEntityExceptionHandler {

    /** The counter of requests a rate limit turned away; {@code limit} says which. */
    static final String RATE_LIMIT_REJECTIONS = "shop.rate-limit.rejections";

    private static final Logger log = LoggerFactory.getLogger(ExceptionTranslator.class);
    private static final ErrorType MALFORMED_REQUEST = new ErrorType("malformed-request", "Malformed request body", 400);
    private static final ErrorType BUSY = new ErrorType("busy", "Busy", 503);
    private static final ErrorType DATABASE_UNAVAILABLE =
            new ErrorType("database-unavailable", "Database unavailable", 503);
    /** How long a client is asked to wait when the database cannot be reached: about one pool connection wait. */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private final MeterRegistry meters;

    ExceptionTranslator(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A module's failure: its type, detail, field, properties and Retry-After, as the exception states them. */
    @ExceptionHandler(ShopException.class)
    ResponseEntity<Object> shopException(ShopException ex) {
        Level level = ex.logLevel();
        if (level != null) {
            // logged under the exception's own name, so that its module's log settings apply
            LoggerFactory.getLogger(ex.getClass()).atLevel(level).log("Answered {} {}: {}", ex.type().status(),
                    ex.type().slug(), ex.detail());
        }
        if (ex.type().status() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            meters.counter(RATE_LIMIT_REJECTIONS, "limit", ex.type().slug()).increment();
        }
        return problem(Problems.of(ex), ex.retryAfter());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> new Problems.FieldError(
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        error.getDefaultMessage()))
                .toList();
        return problem(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Problems.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors bean
                        // a @Valid body validated together with constrained parameters: name its fields
                        ? bean.getFieldErrors().stream().map(error -> new Problems.FieldError(error.getField(),
                                error.getDefaultMessage()))
                        : result.getResolvableErrors().stream().map(error -> new Problems.FieldError(
                                parameterName(result.getMethodParameter()), error.getDefaultMessage())))
                .toList();
        return problem(Problems.validation(errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<Problems.FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new Problems.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(Problems.validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyLimit.TooLarge tooLarge = findCause(ex, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            return problem(RequestBodyLimit.tooLarge(tooLarge.maxBytes()));
        }
        JsonInputRules.TextRuleBroken text = findCause(ex, JsonInputRules.TextRuleBroken.class);
        if (text != null) {
            return problem(Problems.validation(List.of(new Problems.FieldError(jsonPath(text.getPath()), text.rule()))));
        }
        ProblemDetail problem = Problems.of(MALFORMED_REQUEST,
                "The request body is missing or is not valid JSON of the expected shape (each key once).");
        MismatchedInputException mismatch = findCause(ex, MismatchedInputException.class);
        String field = mismatch == null ? "" : jsonPath(mismatch.getPath());
        if (!field.isEmpty()) {
            // valid JSON, but a value of the wrong kind: say which one (never the Java type it was meant for)
            problem.setDetail("Field '" + field + "' has a value of the wrong type or format.");
            Problems.withError(problem, field, "wrong type or format");
        }
        return problem(problem);
    }

    /** {@code items[0].quantity}, as the client wrote it. */
    private static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(missing("parameter", ex.getParameterName()));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException header) {
            return problem(missing("header", header.getHeaderName()));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    private static ProblemDetail missing(String what, String name) {
        ProblemDetail problem = Problems.validation(List.of(new Problems.FieldError(name, "required")));
        problem.setDetail("The " + what + " '" + name + "' is required.");
        return problem;
    }

    @ExceptionHandler(RequestBodyLimit.TooLarge.class)
    ResponseEntity<Object> tooLarge(RequestBodyLimit.TooLarge ex) {
        return problem(RequestBodyLimit.tooLarge(ex.maxBytes()));
    }

    /** A path or query value of the wrong form ({@code /api/orders/123}, {@code page=2147483648}), named. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return problem(Problems.invalidParameter(ex.getName()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(Problems.unsupportedMediaType());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleVersion(OptimisticLockingFailureException ex) {
        return problem(Problems.of(ErrorType.STALE_VERSION,
                "The resource was changed by someone else; reload it and try again."));
    }

    /**
     * A deadlock or lock wait timeout the database chose this request to lose: the transaction that met it
     * was rolled back, and the same request will very likely pass a moment later.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<Object> lockContention(PessimisticLockingFailureException ex) {
        String correlationId = CorrelationId.current();
        log.warn("Lost a lock conflict in the database [correlationId={}]: {}", correlationId,
                ex.getMostSpecificCause().getMessage());
        ProblemDetail problem = Problems.of(BUSY,
                "The request met a concurrent change in the database and its last step was rolled back; send it "
                        + "again (with the same Idempotency-Key where the operation takes one).");
        problem.setProperty("correlationId", correlationId);
        return problem(problem, Duration.ofSeconds(1));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex) {
        return problem(Problems.forbidden());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
        return problem(Problems.unauthorized());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        String correlationId = CorrelationId.current();
        if (databaseUnreachable(ex)) {
            // an outage, not a bug: one WARN line without the stack, and the client told when to come back
            log.warn("The database cannot be reached [correlationId={}]: {}", correlationId,
                    mostSpecificMessage(ex));
            return problem(databaseUnavailable(correlationId), DATABASE_RETRY_AFTER);
        }
        log.error("Unexpected error [correlationId={}]", correlationId, ex);
        return problem(Problems.internalError(correlationId));
    }

    /**
     * The framework's own 5xx answers (a response that cannot be written, a missing path variable) are
     * unexpected errors like any other: logged with the correlation id, which their body carries.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (statusCode.is5xxServerError()) {
            String correlationId = CorrelationId.current();
            log.error("Unexpected error [correlationId={}]", correlationId, ex);
            ProblemDetail problem = statusCode.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()
                    ? Problems.internalError(correlationId)
                    : body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(statusCode);
            problem.setProperty("correlationId", correlationId);
            body = problem;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** Gives the framework's own problems a stable type instead of {@code about:blank}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                Problems.inOwnWords(problem); // the framework's own: never its message text
            }
            Problems.typed(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return problem(problem, null);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem, @Nullable Duration retryAfter) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        }
        return response.body(Problems.typed(problem));
    }

    /**
     * The database could not be reached: no pool connection within its timeout, a connection refused or cut in the
     * middle of a statement or a commit. Told by the cause chain, because the same outage surfaces wrapped in
     * whichever layer met it first (a transaction that cannot begin, a repository call, a commit).
     */
    static boolean databaseUnreachable(Throwable failure) {
        return databaseUnreachable(failure, 0);
    }

    /**
     * Also looks at what was suppressed on the way: a statement that fails on a connection the outage broke can
     * say only "statement closed", while the rollback that followed, suppressed by it, names the broken connection.
     */
    private static boolean databaseUnreachable(Throwable failure, int depth) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (depth < 3) {
                for (Throwable suppressed : cause.getSuppressed()) {
                    if (databaseUnreachable(suppressed, depth + 1)) {
                        return true;
                    }
                }
            }
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof JDBCConnectionException
                    // SQLSTATE class 08, connection exception: also a pool's "Connection is closed" (08003) met by a
                    // rollback after the connection broke
                    || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    // a rollback fails only on a connection that is gone (the pool then says "Connection is closed",
                    // with no SQLSTATE); it replaces the failure that made the transaction roll back
                    || cause instanceof org.hibernate.TransactionException rollback && rollback.getMessage() != null
                            && rollback.getMessage().startsWith("Unable to rollback")
                    || cause.getClass().getSimpleName().endsWith("CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    /** The 503 of a database outage; sent with {@code Retry-After} {@link #DATABASE_RETRY_AFTER}. */
    static ProblemDetail databaseUnavailable(String correlationId) {
        ProblemDetail problem = Problems.of(DATABASE_UNAVAILABLE,
                "The service cannot reach its database right now; send the request again later (with the same "
                        + "Idempotency-Key where the operation takes one).");
        problem.setProperty("correlationId", correlationId);
        return Problems.typed(problem);
    }

    static String mostSpecificMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The name the client used: a header's or query parameter's own name, else the Java parameter's. */
    private static String parameterName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        if (header != null && !header.value().isEmpty()) {
            return header.value();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        return parameter.getParameterName();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

}
