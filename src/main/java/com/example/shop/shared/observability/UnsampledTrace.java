package com.example.shop.shared.observability;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The trace context of a request {@link HeadSampling} did not sample: a trace id and a span id, flagged not
 * sampled, and nothing else (no observation, no span the SDK records). While it is current in OpenTelemetry's
 * {@link Context}, the log lines carry its ids (MDC {@value #TRACE_ID}, {@value #SPAN_ID}, the keys of
 * {@code logging.pattern.correlation}), an observation started on the thread (the Stripe client's) is its
 * child, which the parent-based sampler drops, and the propagator writes its trace id to Stripe flagged
 * not sampled ({@code -00}).
 * <p>
 * {@link Propagation} carries it onto the task executor's threads, as the observation is carried for a
 * sampled request, so an async listener's log lines carry the trace id and its observations are not-sampled
 * children rather than roots of traces of their own.
 */
final class UnsampledTrace {

    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    /** Marks the span in a context as one made here, so that only it is propagated (not an SDK span). */
    private static final ContextKey<Span> KEY = ContextKey.named("shop-unsampled-trace");
    private static final IdGenerator IDS = IdGenerator.random();

    private UnsampledTrace() {
    }

    static Span create() {
        return Span.wrap(SpanContext.create(IDS.generateTraceId(), IDS.generateSpanId(), TraceFlags.getDefault(),
                TraceState.getDefault()));
    }

    /** The trace made by {@link #create()} when it is what is current on this thread, else {@code null}. */
    static @Nullable Span current() {
        Context context = Context.current();
        Span trace = context.get(KEY);
        return trace != null && Span.fromContext(context) == trace ? trace : null;
    }

    /** Makes the trace current on this thread, with its ids in the MDC, until the result is closed. */
    static Attached attach(Span trace) {
        String traceId = MDC.get(TRACE_ID);
        String spanId = MDC.get(SPAN_ID);
        Scope scope = Context.current().with(trace).with(KEY, trace).makeCurrent();
        SpanContext ids = trace.getSpanContext();
        MDC.put(TRACE_ID, ids.getTraceId());
        MDC.put(SPAN_ID, ids.getSpanId());
        return new Attached(scope, traceId, spanId);
    }

    /** Closing restores the thread's context and its MDC ids as they were before {@link #attach}. */
    record Attached(Scope scope, @Nullable String traceId, @Nullable String spanId) implements AutoCloseable {

        @Override
        public void close() {
            scope.close();
            restore(TRACE_ID, traceId);
            restore(SPAN_ID, spanId);
        }

        private static void restore(String key, @Nullable String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }

    /**
     * Registers {@link Accessor} with the context-propagation registry (global to the JVM) for as long as an
     * application context with tracing on lives, so that the task decorator's snapshots take the trace along.
     */
    static final class Propagation implements AutoCloseable {

        private static final AtomicInteger CONTEXTS = new AtomicInteger();
        private static final Accessor ACCESSOR = new Accessor();

        Propagation() {
            synchronized (CONTEXTS) {
                if (CONTEXTS.getAndIncrement() == 0) {
                    ContextRegistry.getInstance().registerThreadLocalAccessor(ACCESSOR);
                }
            }
        }

        @Override
        public void close() {
            synchronized (CONTEXTS) {
                if (CONTEXTS.decrementAndGet() == 0) {
                    ContextRegistry.getInstance().removeThreadLocalAccessor(Accessor.KEY);
                }
            }
        }
    }

    /**
     * Captures the unsampled trace current on the submitting thread (only it: a sampled request's trace goes
     * with its observation, which {@code ObservationThreadLocalAccessor} carries) and makes it current around
     * the task; after the task the thread's context and MDC are what they were.
     */
    static final class Accessor implements ThreadLocalAccessor<Span> {

        static final String KEY = "shop.unsampled-trace";

        private final ThreadLocal<Frame> attached = new ThreadLocal<>();

        @Override
        public Object key() {
            return KEY;
        }

        @Override
        public @Nullable Span getValue() {
            return current();
        }

        @Override
        public void setValue(Span trace) {
            attached.set(new Frame(attach(trace), attached.get()));
        }

        @Override
        public void setValue() {
            // asked to clear (a snapshot without an unsampled trace that clears what it lacks): nothing of ours is
            // made current, and the frame keeps each restore paired with its set
            attached.set(new Frame(null, attached.get()));
        }

        @Override
        public void restore(Span previous) {
            detach();
        }

        @Override
        public void restore() {
            detach();
        }

        private void detach() {
            Frame frame = attached.get();
            if (frame == null) {
                return;
            }
            if (frame.previous() == null) {
                attached.remove();
            } else {
                attached.set(frame.previous());
            }
            if (frame.attached() != null) {
                frame.attached().close();
            }
        }

        private record Frame(@Nullable Attached attached, @Nullable Frame previous) {
        }
    }
}
