package com.example.shop.catalog.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The available quantities of variants shown by the public product reads, remembered for a moment
 * ({@code shop.catalog.availability-ttl}, default 1 s). Without it every listing page and product page
 * costs a database round trip although the product data itself comes from a cache: measured, that query
 * was about a quarter of the application's CPU on {@code GET /api/products} (bench/README.md).
 * <p>
 * Only what the storefront displays goes through here; carts, checkout and the admin read stock live,
 * and reservations are conditional updates, so this can never oversell. Every stock movement on this
 * instance forgets the variant's entry once its transaction has committed, so this instance shows a
 * change at once; a movement on another instance (or a reader that raced the commit) shows within the
 * TTL, well inside the {@code max-age=10} the responses already allow browsers and CDNs. A TTL of 0
 * turns it off.
 */
@Component
class RecentAvailability {

    private final Cache<UUID, Integer> recent;

    RecentAvailability(@Value("${shop.catalog.availability-ttl:1s}") Duration ttl,
            @Value("${shop.catalog.cache.max-products:10000}") long maxProducts) {
        this.recent = ttl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxProducts).build();
    }

    /** The quantities of these variants, from {@code load} for those not remembered; unknown ids are absent. */
    Map<UUID, Integer> get(Collection<UUID> variantIds,
            Function<Set<? extends UUID>, Map<UUID, Integer>> load) {
        if (recent == null) {
            return load.apply(Set.copyOf(variantIds));
        }
        return recent.getAll(variantIds, load);
    }

    /** Forgets the variant's quantity after the current transaction commits (at once outside one). */
    void changed(UUID variantId) {
        if (recent == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    recent.invalidate(variantId);
                }
            });
        } else {
            recent.invalidate(variantId);
        }
    }
}
