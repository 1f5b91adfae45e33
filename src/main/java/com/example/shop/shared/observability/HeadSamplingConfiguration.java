package com.example.shop.shared.observability;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Head sampling while tracing is on ({@link TracingSwitch}): the {@link HeadSampling} filter in place of Boot's
 * observation filter, the {@link HeadSampler} in place of Boot's sampler (both back off when the application
 * declares its own), the draw, and the propagation of an unsampled trace onto the task executor's threads. With
 * tracing off none of it exists ({@link RequestMetricsConfiguration} times the requests).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(HeadSamplingConfiguration.TracingOn.class)
class HeadSamplingConfiguration {

    @Bean
    SamplingDraw samplingDraw(TracingProperties tracing) {
        return SamplingDraw.withProbability(tracing.getSampling().getProbability());
    }

    @Bean
    Sampler headSampler(TracingProperties tracing) {
        return HeadSampler.create(tracing.getSampling().getProbability());
    }

    /**
     * Typed as Boot's filter: Boot backs off only for a registration of a {@link ServerHttpObservationFilter}
     * (a registration typed as the subclass left Boot's filter in place, and each request counted twice).
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> headSampling(ObservationRegistry observations,
            ObjectProvider<ServerRequestObservationConvention> customConvention, ObservationProperties properties,
            MeterRegistry meters, ContextPropagators propagators, SamplingDraw draw) {
        String name = properties.getHttp().getServer().getRequests().getName();
        ServerRequestObservationConvention convention = customConvention
                .getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(new HeadSampling(
                observations, convention, propagators.getTextMapPropagator(), draw, new RequestTimer(meters, name)));
        // where and when Boot registers its observation filter
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @Bean(destroyMethod = "close")
    UnsampledTrace.Propagation unsampledTracePropagation() {
        return new UnsampledTrace.Propagation();
    }

    static class TracingOn implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TracingSwitch.enabled((ConfigurableEnvironment) context.getEnvironment());
        }
    }
}
