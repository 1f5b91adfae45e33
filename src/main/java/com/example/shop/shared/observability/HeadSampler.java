package com.example.shop.shared.observability;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The root sampler while {@link HeadSampling} decides for requests: a request's server span that the filter
 * drew as sampled is recorded and exported (the draw was the decision; sampling it again by the ratio would
 * keep only p² of them), every other root span (a scheduled job's run, a request on the management port) is
 * sampled by the ratio as before. Children follow their parent ({@link Sampler#parentBased}), so the spans of
 * a request the filter did not sample, whose not-sampled trace context is current, are dropped.
 * <p>
 * The filter's decision reaches the sampler in the parent {@link Context} the span is started in
 * ({@link #decided()}), not by the span's kind: a server span the filter did not decide is an ordinary root.
 */
final class HeadSampler implements Sampler {

    private static final ContextKey<Boolean> DECIDED = ContextKey.named("shop-sampled-at-the-edge");

    private final Sampler ratio;

    private HeadSampler(double probability) {
        this.ratio = Sampler.traceIdRatioBased(probability);
    }

    /** Boot's sampler (parent-based, the ratio for roots) with the filter's decision for the requests it drew. */
    static Sampler create(double probability) {
        return Sampler.parentBased(new HeadSampler(probability));
    }

    /** Makes the root span started while the scope is open sampled: the filter drew this request. */
    static Scope decided() {
        return Context.current().with(DECIDED, Boolean.TRUE).makeCurrent();
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
            Attributes attributes, List<LinkData> parentLinks) {
        if (Boolean.TRUE.equals(parentContext.get(DECIDED))) {
            return SamplingResult.recordAndSample();
        }
        return ratio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "HeadSampler{requests drawn at the edge, other roots " + ratio.getDescription() + "}";
    }
}
