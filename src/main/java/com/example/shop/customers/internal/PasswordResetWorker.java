package com.example.shop.customers.internal;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Component;

/**
 * The background side of password resets: each request's work (look the e-mail up, store a token, send the
 * mail) runs on Boot's task executor, whose task decorator carries the request's correlation id and trace into
 * it, and which a graceful shutdown lets finish ({@code spring.task.execution.shutdown.*}). At most
 * {@value #MAX_BACKLOG} wait or run at once; beyond that a request is refused (the caller logs it). The gauge
 * {@code shop.customers.password-reset.backlog} says how many are waiting or running: a backlog that keeps
 * growing is a mail server that does not answer.
 */
@Component
class PasswordResetWorker {

    static final int MAX_BACKLOG = 1000;

    private final TaskExecutor executor;
    private final AtomicInteger backlog = new AtomicInteger();

    PasswordResetWorker(@Qualifier("applicationTaskExecutor") TaskExecutor executor, MeterRegistry meters) {
        this.executor = executor;
        Gauge.builder("shop.customers.password-reset.backlog", backlog, AtomicInteger::get)
                .description("Password-reset requests waiting for or in their background work (lookup and mail)")
                .register(meters);
    }

    /** Hands the work to the executor; false when the backlog is full or the executor refuses it. */
    boolean submit(Runnable work) {
        if (backlog.incrementAndGet() > MAX_BACKLOG) {
            backlog.decrementAndGet();
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } finally {
                    backlog.decrementAndGet();
                }
            });
            return true;
        } catch (TaskRejectedException e) {
            backlog.decrementAndGet();
            return false;
        }
    }
}
