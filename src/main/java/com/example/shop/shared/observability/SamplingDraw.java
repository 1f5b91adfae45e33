package com.example.shop.shared.observability;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether a request that arrives without a trace context is sampled: drawn once, at the edge, by
 * {@link HeadSampling}, before anything else about its trace is made.
 */
@FunctionalInterface
interface SamplingDraw {

    boolean sampled();

    /** Sampled with the given probability (0 never, 1 always), from the request thread's own generator. */
    static SamplingDraw withProbability(double probability) {
        return () -> ThreadLocalRandom.current().nextDouble() < probability;
    }
}
