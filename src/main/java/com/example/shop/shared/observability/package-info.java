/**
 * What an operator watches: context (correlation id, trace) carried into async listeners, scheduled jobs and
 * background work; a request timer that costs a map lookup while tracing is off; latency histograms where they
 * earn their cost; tracing switched on by an export endpoint; the health answers on the application port.
 */
@org.jspecify.annotations.NullMarked
package com.example.shop.shared.observability;
