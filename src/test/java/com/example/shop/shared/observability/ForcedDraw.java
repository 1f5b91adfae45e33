package com.example.shop.shared.observability;

import org.jspecify.annotations.Nullable;

/** The application's draw, unless a test forces the outcome for the requests it sends next. */
final class ForcedDraw implements SamplingDraw {

    private final SamplingDraw drawn;
    private volatile @Nullable Boolean forced;

    ForcedDraw(SamplingDraw drawn) {
        this.drawn = drawn;
    }

    void force(boolean sampled) {
        forced = sampled;
    }

    void release() {
        forced = null;
    }

    @Override
    public boolean sampled() {
        Boolean outcome = forced;
        return outcome != null ? outcome : drawn.sampled();
    }
}
