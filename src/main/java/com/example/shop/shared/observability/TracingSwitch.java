package com.example.shop.shared.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Tracing is on when an OTLP endpoint is configured ({@value #ENDPOINT}) or {@value #SWITCH} says so, and off
 * otherwise. Off means no tracer at all, not a tracer that samples nothing: Boot's tracing auto-configuration
 * is excluded, so a request makes no span, no trace context and no MDC entries for one (Boot itself only knows
 * {@code management.tracing.export.enabled}, which still makes a span for every observation).
 */
class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String SWITCH = "shop.tracing.enabled";
    static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration");
    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (enabled(environment)) {
            return;
        }
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
        excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
        environment.getPropertySources().addFirst(new MapPropertySource("shopTracingSwitch",
                Map.of(EXCLUDE, String.join(",", excluded))));
    }

    static boolean enabled(ConfigurableEnvironment environment) {
        Boolean explicit = environment.getProperty(SWITCH, Boolean.class);
        return explicit != null ? explicit : StringUtils.hasText(environment.getProperty(ENDPOINT));
    }

    @Override
    public int getOrder() {
        // after the application's own configuration and the environment, before the context reads the excludes
        return Ordered.LOWEST_PRECEDENCE;
    }
}
