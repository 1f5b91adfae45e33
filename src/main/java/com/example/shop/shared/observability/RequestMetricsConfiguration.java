package com.example.shop.shared.observability;

import jakarta.servlet.DispatcherType;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * While tracing is off ({@link TracingSwitch}), {@code http.server.requests} is recorded by {@link RequestTimer}
 * instead of an observation per request: Boot registers its {@link ServerHttpObservationFilter} only when the
 * application declares none, and the disabled registration below takes its place. With tracing on, none of
 * this exists: {@link HeadSampling} takes the place of Boot's filter, observes the requests that are traced and
 * times the others with a {@link RequestTimer} of its own.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RequestMetricsConfiguration.TracingOff.class)
class RequestMetricsConfiguration {

    @Bean
    FilterRegistrationBean<RequestTimer> requestTimer(MeterRegistry meters, ObservationProperties observations) {
        FilterRegistrationBean<RequestTimer> registration = new FilterRegistrationBean<>(
                new RequestTimer(meters, observations.getHttp().getServer().getRequests().getName()));
        // where Boot puts its observation filter: around everything but the correlation id and proxy filters
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> noServerHttpObservationFilter() {
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
                new ServerHttpObservationFilter(ObservationRegistry.NOOP));
        registration.setEnabled(false);
        return registration;
    }

    static class TracingOff implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !TracingSwitch.enabled((ConfigurableEnvironment) context.getEnvironment());
        }
    }
}
