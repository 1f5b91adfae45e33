package com.example.shop.shared.observability;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Latency histograms for the two requests an operator alerts on: {@code shop.request.latency} with
 * {@code endpoint=checkout} ({@code POST /api/checkout}, which includes the Stripe call) or
 * {@code endpoint=stripe-webhook}, and the answer's {@code status}: eleven buckets from 25 ms to 60 s (checkout
 * includes a Stripe call, up to ~47 s when Stripe hangs), from which Prometheus estimates any percentile.
 * <p>
 * Why a metric of its own rather than histograms on {@code http.server.requests}: Prometheus needs every series
 * of one metric to be of one type, so a histogram for some URIs and none for the others cannot be exposed, and
 * buckets for every URI, method and status would multiply the series twelve-fold for reads that are
 * cached and fast. Every other request passes this filter with one string comparison.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LatencyHistograms extends OncePerRequestFilter {

    private static final Map<String, String> ENDPOINTS = Map.of(
            "/api/checkout", "checkout",
            "/api/payments/stripe/webhook", "stripe-webhook");

    private static final Duration[] BUCKETS = { Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60) };

    private final MeterRegistry meters;

    LatencyHistograms(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !ENDPOINTS.containsKey(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Timer.builder("shop.request.latency")
                    .description("Latency of checkout and of the Stripe webhook, as the client waits for it")
                    .tag("endpoint", ENDPOINTS.get(request.getRequestURI()))
                    .tag("status", Integer.toString(response.getStatus()))
                    .serviceLevelObjectives(BUCKETS)
                    .register(meters)
                    .record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
