package com.example.shop.shared.observability;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import com.example.shop.shared.web.CorrelationId;

/**
 * Context that follows work onto other threads. Boot applies a {@link TaskDecorator} bean to its task executor,
 * which runs the {@code @ApplicationModuleListener}s (async) and the password-reset mail worker: the decorator
 * captures the submitting thread's current observation (so the trace and span, when tracing is on) and its MDC
 * {@value CorrelationId#MDC_KEY}, and restores both around the task, so their log lines carry the request's ids.
 * A request that head sampling did not sample has no observation: its trace goes across with
 * {@link UnsampledTrace.Accessor}, registered while tracing is on ({@link HeadSamplingConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    static {
        // MDC's correlation id joins the observation in every context snapshot the decorator takes
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(CorrelationId.MDC_KEY));
    }

    @Bean
    TaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }
}
