package com.example.shop.shared.observability;

import java.util.List;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The batch span processor, as Boot builds it ({@code management.opentelemetry.tracing.export.*}), except for
 * what it hands the exporters: the SDK's own span data when nothing asks for Micrometer's span filters,
 * predicates or reporters (this application declares none), Micrometer's {@link CompositeSpanExporter} when
 * something does. Boot's processor backs off for this bean.
 * <p>
 * Why: the composite copies every span into Micrometer's mutable span data, whose {@code getResource()} builds a
 * new {@code Resource} on each call. The OTLP exporter groups a batch's spans by resource <em>instance</em>, so
 * every span went out under a resource of its own, its attributes repeated in the payload and marshalled anew (a
 * cache miss per span): most of the export's CPU (bench/README.md).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(HeadSamplingConfiguration.TracingOn.class)
class SpanExport {

    @Bean
    BatchSpanProcessor batchSpanProcessor(SpanExporters exporters, OpenTelemetryTracingProperties properties,
            ObjectProvider<SpanExportingPredicate> predicates, ObjectProvider<SpanReporter> reporters,
            ObjectProvider<SpanFilter> filters, ObjectProvider<MeterProvider> meterProvider) {
        List<SpanExportingPredicate> predicateList = predicates.orderedStream().toList();
        List<SpanReporter> reporterList = reporters.orderedStream().toList();
        List<SpanFilter> filterList = filters.orderedStream().toList();
        SpanExporter exporter = predicateList.isEmpty() && reporterList.isEmpty() && filterList.isEmpty()
                ? SpanExporter.composite(exporters.list())
                : new CompositeSpanExporter(exporters.list(), predicateList, reporterList, filterList);
        OpenTelemetryTracingProperties.Export export = properties.getExport();
        var builder = BatchSpanProcessor.builder(exporter)
                .setExportUnsampledSpans(export.isIncludeUnsampled())
                .setExporterTimeout(export.getTimeout())
                .setMaxExportBatchSize(export.getMaxBatchSize())
                .setMaxQueueSize(export.getMaxQueueSize())
                .setScheduleDelay(export.getScheduleDelay());
        meterProvider.ifAvailable(builder::setMeterProvider);
        return builder.build();
    }
}
