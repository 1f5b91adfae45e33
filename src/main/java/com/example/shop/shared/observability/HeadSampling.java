package com.example.shop.shared.observability;

import java.io.IOException;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import org.jspecify.annotations.Nullable;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * With tracing on, takes the place of Spring's {@link ServerHttpObservationFilter} (Boot backs off when the
 * application registers one) and decides at the edge whether a request is traced:
 * <ul>
 * <li>a request that carries a trace context ({@code traceparent}) is observed as Spring's filter observes it,
 * and the parent-based sampler follows the caller's flag; a malformed one counts as none;</li>
 * <li>otherwise {@link SamplingDraw} draws with {@code management.tracing.sampling.probability}: a sampled
 * request is observed, and {@link HeadSampler} records its server span without drawing again;</li>
 * <li>a request that is not sampled makes no observation: {@link RequestTimer} records
 * {@code http.server.requests} (the same timer, with the same tags, the observation would have recorded) and an
 * {@link UnsampledTrace} is current while it runs, so its log lines, its async listeners' log lines and its
 * call to Stripe ({@code -00}) carry a trace id all the same.</li>
 * </ul>
 * Why: the observation of a request, its (not recording) span, scope and MDC entries are a large share of the CPU
 * of a cached catalog read (bench/README.md), and at 10 % sampling nine requests in ten paid for them with nothing
 * exported.
 */
class HeadSampling extends ServerHttpObservationFilter {

    /** The unsampled trace of a request that went asynchronous, for its async dispatch. */
    private static final String UNSAMPLED = HeadSampling.class.getName() + ".unsampled";

    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(HttpServletRequest request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public @Nullable String get(@Nullable HttpServletRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    };

    private final TextMapPropagator propagator;
    private final SamplingDraw draw;
    private final RequestTimer timer;

    HeadSampling(ObservationRegistry observations, ServerRequestObservationConvention convention,
            TextMapPropagator propagator, SamplingDraw draw, RequestTimer timer) {
        super(observations, convention);
        this.propagator = propagator;
        this.draw = draw;
        this.timer = timer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            if (request.getAttribute(UNSAMPLED) instanceof Span trace) {
                try (UnsampledTrace.Attached attached = UnsampledTrace.attach(trace)) {
                    chain.doFilter(request, response);
                }
            } else {
                super.doFilterInternal(request, response, chain);
            }
            return;
        }
        if (carriesTraceContext(request)) {
            super.doFilterInternal(request, response, chain);
            return;
        }
        if (draw.sampled()) {
            try (Scope decided = HeadSampler.decided()) {
                super.doFilterInternal(request, response, chain);
            }
            return;
        }
        Span trace = UnsampledTrace.create();
        try (UnsampledTrace.Attached attached = UnsampledTrace.attach(trace)) {
            timer.doFilterInternal(request, response, chain);
        } finally {
            if (request.isAsyncStarted()) {
                request.setAttribute(UNSAMPLED, trace);
            }
        }
    }

    /** A trace context the configured propagator reads from the request, and a valid one. */
    private boolean carriesTraceContext(HttpServletRequest request) {
        return Span.fromContext(propagator.extract(Context.root(), request, HEADERS)).getSpanContext().isValid();
    }
}
