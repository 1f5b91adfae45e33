package com.example.shop.shared.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskDecorator;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.annotation.DirtiesContext;

import com.example.shop.orders.OrderPlaced;
import com.example.shop.payments.StripeStandIn;
import com.example.shop.shared.observability.OperationsTests.Captured;
import com.example.shop.testsupport.QuietSchedulers;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing on at probability 0, spans kept in memory: whether a request is traced is decided at the edge, and a
 * request that is not keeps a trace id all the same, in its log lines, its async listener's and its call to
 * Stripe. The threads it ran on are left as they were found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shop.tracing.enabled=true",
        "management.tracing.sampling.probability=0",
        "management.opentelemetry.tracing.export.schedule-delay=100ms",
        "logging.level.com.example.shop=INFO"
})
@QuietSchedulers
@DirtiesContext
class HeadSamplingTests {

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    ForcedDraw draw;

    @Autowired
    ThreadsAfter threads;

    ShopHttp app;
    final Captured captured = new Captured();

    @BeforeEach
    void connect() {
        app = new ShopHttp(port);
        captured.attachTo(Probes.class, "com.example.shop.customers.internal.PasswordResetMail");
        spans.reset();
        threads.clear();
    }

    @AfterEach
    void detach() {
        captured.detach();
        draw.release();
    }

    @Test
    void aCheckoutNotSampledKeepsOneTraceIdInItsLogLinesItsListenersAndItsStripeCallAndExportsNothing()
            throws Exception {
        UUID product = app.product("Head-sampled Teapot", 900, 5);
        StripeStandIn.shared().resetRequests();

        HttpResponse<String> checkout = app.checkout(Tokens.customer(), product,
                Map.of("X-Request-Id", "checkout-edge-unsampled"));
        assertThat(checkout.statusCode()).isEqualTo(201);

        // Stripe gets a trace id, flagged not sampled
        Matcher sent = TraceparentToStripe.last(false);
        String trace = sent.group(1);

        // the same trace id in the request's own log line and in its async listener's, with its correlation id
        assertThat(captured.lines()).anySatisfy(line -> {
            assertThat(line.message()).startsWith("Saw OrderPlaced");
            assertThat(line.mdc()).containsEntry("traceId", trace)
                    .containsEntry("correlationId", "checkout-edge-unsampled");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(captured.lines())
                .anySatisfy(line -> {
                    assertThat(line.message()).startsWith("Heard OrderPlaced");
                    assertThat(line.thread()).isNotEqualTo(Thread.currentThread().getName());
                    assertThat(line.mdc()).containsEntry("traceId", trace)
                            .containsEntry("correlationId", "checkout-edge-unsampled");
                }));

        // nothing of it is exported (the exporter runs every 100 ms here)
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> spans.getFinishedSpanItems()
                .stream().noneMatch(span -> span.getTraceId().equals(trace)));

        // the request thread and the executor's threads are left without it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threads.requests())
                .anySatisfy(after -> assertThat(after.what()).isEqualTo("/api/checkout")));
        assertThat(threads.requests()).allSatisfy(ThreadsAfter.State::assertClean);
        await().atMost(Duration.ofSeconds(10)).until(() -> !threads.tasks().isEmpty());
        assertThat(threads.tasks()).allSatisfy(ThreadsAfter.State::assertClean);
    }

    @Test
    void aClientTraceparentFlaggedSampledIsRecordedWhateverTheProbability() throws Exception {
        String trace = "5b8efff798038103d269b633813fc60c";

        assertThat(app.call("GET", "/api/products", null,
                Map.of("traceparent", "00-" + trace + "-eee19b7ec3c1b174-01"), null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> {
                    assertThat(span.getTraceId()).isEqualTo(trace);
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getParentSpanId()).isEqualTo("eee19b7ec3c1b174");
                }));
    }

    @Test
    void aRequestTheEdgeDrawsIsRecordedWholeWithoutASecondDrawByTheRatio() throws Exception {
        UUID product = app.product("Drawn Teapot", 900, 5);
        StripeStandIn.shared().resetRequests();
        spans.reset();
        draw.force(true);

        app.checkout(Tokens.customer(), product, Map.of());

        Matcher sent = TraceparentToStripe.last(true);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(sent.group(1))).toList();
            SpanData server = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER
                    && span.getName().contains("/api/checkout")).findFirst().orElseThrow();
            assertThat(server.getParentSpanId()).isEqualTo(SpanId.getInvalid());
            SpanData stripe = trace.stream().filter(span -> span.getName().equals("stripe POST payment_intents"))
                    .findFirst().orElseThrow();
            assertThat(stripe.getSpanId()).isEqualTo(sent.group(2));
            assertThat(stripe.getParentSpanId()).isNotEqualTo(SpanId.getInvalid());
        });
    }

    @Test
    void aMalformedTraceparentCountsAsNoneAndTheEdgeDraws() throws Exception {
        draw.force(true);

        assertThat(app.call("GET", "/api/products", null,
                Map.of("traceparent", "00-not-a-trace-id-01"), null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                    assertThat(span.getName()).contains("/api/products");
                    assertThat(span.getParentSpanId()).isEqualTo(SpanId.getInvalid());
                }));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class HeadSamplingTestConfiguration {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        @Primary
        ForcedDraw forcedDraw(@Qualifier("samplingDraw") SamplingDraw samplingDraw) {
            return new ForcedDraw(samplingDraw);
        }

        @Bean
        Probes probes() {
            return new Probes();
        }

        @Bean
        ThreadsAfter threadsAfter() {
            return new ThreadsAfter();
        }

        @Bean
        ServletListenerRegistrationBean<ServletRequestListener> afterEachRequest(ThreadsAfter threads) {
            return new ServletListenerRegistrationBean<>(new ServletRequestListener() {
                @Override
                public void requestDestroyed(ServletRequestEvent event) {
                    threads.requests.add(ThreadsAfter.State.now(
                            ((HttpServletRequest) event.getServletRequest()).getRequestURI()));
                }
            });
        }

        /** Notes the state of each executor thread once a task decorated by the application has run on it. */
        @Bean
        static BeanPostProcessor afterEachTask(org.springframework.beans.factory.ObjectProvider<ThreadsAfter> threads) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof TaskDecorator decorator && !(bean instanceof Noting)) {
                        return (Noting) task -> {
                            Runnable decorated = decorator.decorate(task);
                            return () -> {
                                try {
                                    decorated.run();
                                } finally {
                                    threads.getObject().tasks.add(ThreadsAfter.State.now("task"));
                                }
                            };
                        };
                    }
                    return bean;
                }
            };
        }
    }

    interface Noting extends TaskDecorator {
    }

    /** What the request threads and the executor's threads hold once the application is done with them. */
    static final class ThreadsAfter {

        final List<State> requests = new CopyOnWriteArrayList<>();
        final List<State> tasks = new CopyOnWriteArrayList<>();

        List<State> requests() {
            return List.copyOf(requests);
        }

        List<State> tasks() {
            return List.copyOf(tasks);
        }

        void clear() {
            requests.clear();
            tasks.clear();
        }

        record State(String what, String thread, String traceId, String spanId, boolean spanCurrent) {

            static State now(String what) {
                return new State(what, Thread.currentThread().getName(), MDC.get("traceId"), MDC.get("spanId"),
                        Span.current().getSpanContext().isValid());
            }

            void assertClean() {
                assertThat(traceId).as("traceId left in the MDC of %s after %s", thread, what).isNull();
                assertThat(spanId).as("spanId left in the MDC of %s after %s", thread, what).isNull();
                assertThat(spanCurrent).as("span left current on %s after %s", thread, what).isFalse();
            }
        }
    }

    /** Log lines of the checkout's own thread and of an async listener. */
    static class Probes {

        private static final org.slf4j.Logger log = LoggerFactory.getLogger(Probes.class);

        @EventListener
        void saw(OrderPlaced event) {
            log.info("Saw OrderPlaced {}", event.orderId());
        }

        @ApplicationModuleListener
        void on(OrderPlaced event) {
            log.info("Heard OrderPlaced {}", event.orderId());
        }
    }
}
