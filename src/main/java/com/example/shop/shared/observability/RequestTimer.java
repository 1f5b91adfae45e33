package com.example.shop.shared.observability;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * {@code http.server.requests} for a request that makes no observation (every request while tracing is off, one
 * that {@link HeadSampling} did not sample while it is on): the timer Spring's {@code ServerHttpObservationFilter}
 * records, with the same name and tags ({@code method}, {@code uri}, {@code status}, {@code outcome},
 * {@code exception}, {@code error}) and the same values, so dashboards and alerts see no difference, and
 * {@code http_server_requests_seconds} (count, sum, max) is scraped as before.
 * <p>
 * Why hand-written: the observation Spring's filter starts for each request allocates a context, runs the
 * registry's predicates, opens and closes a scope, builds five key-values and a list of tags, and looks the
 * timer up in the registry by a new meter id on every request, which costs about a tenth of the CPU of a
 * cached catalog read (see bench/README.md). With no tracer nothing but the timer reads that observation, so
 * here the timer is looked up once per combination of method, route, status and exception and kept. No
 * library offers a metrics-only request timer for Spring MVC any more (Boot's was replaced by the
 * observation). A request that is traced is observed, and the observation records the same timer: the
 * registry hands both the same meter, so each request is counted once, in one series per tag set.
 * <p>
 * The map holds one entry per timer, and every key part comes from a small fixed set (route templates, not
 * paths), as the timers' own tags do; Boot's limit on {@code uri} values applies to these timers too.
 */
class RequestTimer extends OncePerRequestFilter {

    static final String NAME = "http.server.requests";

    private static final Set<String> METHODS = Stream.of(HttpMethod.values()).map(HttpMethod::name)
            .collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry meters;
    private final String name;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestTimer(MeterRegistry meters, String name) {
        this.meters = meters;
        this.name = name;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = meters.config().clock().monotonicTime();
        Throwable failure = null;
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException ex) {
            failure = ex instanceof ServletException servlet && servlet.getCause() != null ? servlet.getCause() : ex;
            // as Spring's filter does: the container answers 500 once the exception leaves the filters
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            throw ex;
        } finally {
            if (failure == null && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new WhenComplete(request, response, started));
            } else {
                record(request, response, failure, started);
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, @Nullable Throwable failure,
            long started) {
        if (failure == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable handled) {
            failure = handled;
        }
        String method = request.getMethod();
        int status = response.getStatus();
        Key key = new Key(METHODS.contains(method) ? method : "UNKNOWN", uri(request, status), status,
                failure == null ? null : failure.getClass());
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::register);
        }
        timer.record(meters.config().clock().monotonicTime() - started, TimeUnit.NANOSECONDS);
    }

    private static String uri(HttpServletRequest request, int status) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
            return pattern.isEmpty() ? "root" : pattern;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved != null && resolved.is3xxRedirection()) {
            return "REDIRECTION";
        }
        return resolved == HttpStatus.NOT_FOUND ? "NOT_FOUND" : "UNKNOWN";
    }

    private Timer register(Key key) {
        String exception = key.exception() == null ? "none" : exceptionName(key.exception());
        String error = key.exception() == null ? "none" : key.exception().getSimpleName();
        return Timer.builder(name)
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", Integer.toString(key.status()))
                .tag("outcome", outcome(key.status()))
                .tag("exception", exception)
                .tag("error", error)
                .register(meters);
    }

    /** As Spring's convention names it: the simple name, or the full one for an anonymous class. */
    private static String exceptionName(Class<?> type) {
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }

    private static String outcome(int status) {
        if (status >= 100 && status < 200) {
            return "INFORMATIONAL";
        }
        if (status >= 200 && status < 300) {
            return "SUCCESS";
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        if (status >= 500 && status < 600) {
            return "SERVER_ERROR";
        }
        return "UNKNOWN";
    }

    private record Key(String method, String uri, int status, @Nullable Class<?> exception) {
    }

    /** An asynchronous request (a server-sent event stream) is timed until it completes, as the observation is. */
    private final class WhenComplete implements AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final long started;
        private @Nullable Throwable failure;

        WhenComplete(HttpServletRequest request, HttpServletResponse response, long started) {
            this.request = request;
            this.response = response;
            this.started = started;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            record(request, response, failure, started);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            failure = event.getThrowable();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
