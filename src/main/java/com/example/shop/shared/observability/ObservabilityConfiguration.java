package com.example.shop.shared.observability;

import java.time.Duration;
import java.util.Set;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import com.example.shop.shared.web.CorrelationId;

/**
 * Context that follows work onto other threads, and the latency histograms worth their cost.
 * <ul>
 * <li><b>Context propagation.</b> Boot applies a {@link TaskDecorator} bean to its task executor, which runs
 * the {@code @ApplicationModuleListener}s (async) and the password-reset mail worker: the decorator captures
 * the submitting thread's current observation (so the trace and span, when tracing is on) and its MDC
 * {@value CorrelationId#MDC_KEY}, and restores both around the task, so their log lines carry the request's
 * ids.</li>
 * <li><b>Histograms.</b> {@code http.server.requests} is a timer per URI template, method and status: a
 * count, a sum and a maximum each, cheap. Percentile histograms (about 60 buckets per series) are switched on
 * only for checkout and the Stripe webhook, the two latencies an operator alerts on; the catalog reads are
 * cached and fast, and their buckets would multiply the series by every URI, method and status.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /** The requests whose latency distribution is kept for percentiles (URI templates as Spring MVC names them). */
    static final Set<String> HISTOGRAM_URIS = Set.of("/api/checkout", "/api/payments/stripe/webhook");

    static {
        // MDC's correlation id joins the observation in every context snapshot the decorator takes
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(CorrelationId.MDC_KEY));
    }

    @Bean
    TaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }

    @Bean
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public @Nullable DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName()) || !HISTOGRAM_URIS.contains(id.getTag("uri"))) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        // checkout includes a Stripe call: up to ~47 s when Stripe hangs
                        .minimumExpectedValue((double) Duration.ofMillis(5).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
