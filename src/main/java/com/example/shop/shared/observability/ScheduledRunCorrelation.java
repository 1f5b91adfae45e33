package com.example.shop.shared.observability;

import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.slf4j.MDC;
import org.springframework.scheduling.support.ScheduledTaskObservationContext;
import org.springframework.stereotype.Component;

import com.example.shop.shared.web.CorrelationId;

/**
 * Gives every run of a scheduled job a correlation id of its own ({@code job-<uuid>}), as a request has one: the
 * run's log lines, and those of the async listeners it triggers, can be told apart from another run's even
 * with tracing off. Spring observes each {@code @Scheduled} run; this handler sets the MDC while the run's
 * scope is open on its thread.
 */
@Component
class ScheduledRunCorrelation implements ObservationHandler<ScheduledTaskObservationContext> {

    private static final String SET_HERE = ScheduledRunCorrelation.class.getName();

    @Override
    public void onScopeOpened(ScheduledTaskObservationContext context) {
        if (MDC.get(CorrelationId.MDC_KEY) == null) {
            MDC.put(CorrelationId.MDC_KEY, "job-" + UUID.randomUUID());
            context.put(SET_HERE, Boolean.TRUE);
        }
    }

    @Override
    public void onScopeClosed(ScheduledTaskObservationContext context) {
        if (context.containsKey(SET_HERE)) {
            MDC.remove(CorrelationId.MDC_KEY);
            context.remove(SET_HERE);
        }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ScheduledTaskObservationContext;
    }
}
