package com.example.shop.shared.observability;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/** An unsampled trace follows a task onto a pooled thread, and the thread is left as it was found. */
class UnsampledTraceTests {

    ExecutorService pool;
    UnsampledTrace.Propagation propagation;

    @BeforeEach
    void start() {
        pool = Executors.newSingleThreadExecutor();
        propagation = new UnsampledTrace.Propagation();
    }

    @AfterEach
    void stop() {
        propagation.close();
        pool.shutdownNow();
    }

    @Test
    void aTaskRunsInTheTraceOfTheThreadThatSubmittedItAndLeavesItsThreadClean() throws Exception {
        Span trace = UnsampledTrace.create();
        AtomicReference<Seen> during = new AtomicReference<>();
        Runnable task;
        try (UnsampledTrace.Attached attached = UnsampledTrace.attach(trace)) {
            assertThat(UnsampledTrace.current()).isSameAs(trace);
            task = ContextSnapshotFactory.builder().build().captureAll().wrap(() -> during.set(Seen.now()));
        }
        assertThat(Seen.now()).isEqualTo(Seen.NOTHING);

        pool.submit(task).get();

        assertThat(during.get()).isEqualTo(new Seen(trace.getSpanContext().getTraceId(),
                trace.getSpanContext().getSpanId(), true));
        assertThat(trace.getSpanContext().isSampled()).isFalse();
        assertThat(pool.submit(Seen::now).get()).isEqualTo(Seen.NOTHING);
    }

    @Test
    void aSnapshotThatClearsWhatItLacksRestoresOnlyItsOwnAndTheTaskStillLeavesItsThreadClean() throws Exception {
        Span trace = UnsampledTrace.create();
        ContextSnapshot clearing = ContextSnapshotFactory.builder().clearMissing(true).build().captureAll();
        AtomicReference<Seen> afterInner = new AtomicReference<>();
        Runnable task;
        try (UnsampledTrace.Attached attached = UnsampledTrace.attach(trace)) {
            task = ContextSnapshotFactory.builder().build().captureAll().wrap(() -> {
                try (ContextSnapshot.Scope inner = clearing.setThreadLocals()) {
                    // nothing to check inside
                }
                afterInner.set(Seen.now());
            });
        }

        pool.submit(task).get();

        assertThat(afterInner.get().traceId()).isEqualTo(trace.getSpanContext().getTraceId());
        assertThat(pool.submit(Seen::now).get()).isEqualTo(Seen.NOTHING);
    }

    @Test
    void onlyTheTraceMadeHereIsTakenAlongNotAnyNotSampledSpan() {
        Span other = Span.wrap(UnsampledTrace.create().getSpanContext());
        try (var scope = other.makeCurrent()) {
            assertThat(UnsampledTrace.current()).isNull();
        }
    }

    record Seen(String traceId, String spanId, boolean spanCurrent) {

        static final Seen NOTHING = new Seen(null, null, false);

        static Seen now() {
            return new Seen(MDC.get("traceId"), MDC.get("spanId"), Span.current().getSpanContext().isValid());
        }
    }
}
