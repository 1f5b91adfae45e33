package com.example.shop.catalog.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.example.shop.shared.cluster.ClusterChannel;
import com.example.shop.shared.cluster.ClusterSubscriber;

/**
 * The available quantities of variants shown by the public product reads, remembered for a moment
 * ({@code shop.catalog.availability-ttl}, default 1 s). Without it every listing page and product page
 * costs a database round trip although the product data itself comes from a cache: measured, that query
 * was about a quarter of the application's CPU on {@code GET /api/products} (bench/README.md).
 * <p>
 * Only what the storefront displays goes through here; carts, checkout and the admin read stock live,
 * and reservations are conditional updates, so this can never oversell. The variants a transaction moved are
 * collected and, once it has committed, published in one message on the cluster channel's topic
 * {@value #MOVED}: every instance, this one included (in the committing thread), forgets them. So every instance
 * shows a change within milliseconds; a reader that raced the commit, or an instance that missed the message
 * while cut off from Redis (it forgets everything when it subscribes again), shows it within the TTL, well inside
 * the {@code max-age=10} the responses already allow browsers and CDNs. A transaction that rolled back is
 * forgotten on this instance only. A TTL of 0 turns the remembering off.
 */
@Component
class RecentAvailability {

    private static final Logger log = LoggerFactory.getLogger(RecentAvailability.class);
    /** The cluster channel's topic of committed stock movements; the message is the variant ids, comma-separated. */
    static final String MOVED = "catalog.availability";
    /** More variants than this in one transaction are announced as "all" (an empty message): a message stays small. */
    static final int MOST_IN_ONE_MESSAGE = 500;

    private final @Nullable Cache<UUID, Integer> recent;
    private final ClusterChannel cluster;

    RecentAvailability(@Value("${shop.catalog.availability-ttl:1s}") Duration ttl,
            @Value("${shop.catalog.cache.max-products:10000}") long maxProducts, ClusterChannel cluster) {
        this.recent = ttl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxProducts)
                // upkeep on the reading thread, as the catalog's caches (CatalogConfiguration)
                .executor(Runnable::run).build();
        this.cluster = cluster;
        cluster.subscribe(MOVED, new ClusterSubscriber() {
            @Override
            public void received(String message) {
                forget(message);
            }

            @Override
            public void mayHaveMissed() {
                forget("");
            }
        });
    }

    /** The quantities of these variants, from {@code load} for those not remembered; unknown ids are absent. */
    Map<UUID, Integer> get(Collection<UUID> variantIds,
            Function<Set<? extends UUID>, Map<UUID, Integer>> load) {
        Cache<UUID, Integer> remembered = recent;
        if (remembered == null) {
            return load.apply(Set.copyOf(variantIds));
        }
        return remembered.getAll(variantIds, load);
    }

    /**
     * The variant's stock moved: every instance forgets its quantity after the current transaction commits (one
     * message for all the variants the transaction moved); at once outside a transaction.
     */
    void changed(UUID variantId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            cluster.publish(MOVED, variantId.toString());
            return;
        }
        Moved moved = (Moved) TransactionSynchronizationManager.getResource(this);
        if (moved == null) {
            moved = new Moved();
            TransactionSynchronizationManager.bindResource(this, moved);
            TransactionSynchronizationManager.registerSynchronization(moved);
        }
        moved.variants.add(variantId);
    }

    /** Forgets the variants of a message; all of them for an empty one. */
    private void forget(String message) {
        Cache<UUID, Integer> remembered = recent;
        if (remembered == null) {
            return;
        }
        if (message.isEmpty()) {
            remembered.invalidateAll();
            return;
        }
        try {
            remembered.invalidateAll(variants(message));
        } catch (IllegalArgumentException e) {
            log.warn("Forgot all available quantities on a message that names no variants: {}", e.toString());
            remembered.invalidateAll();
        }
    }

    /** The variant ids of a non-empty message. */
    static List<UUID> variants(String message) {
        return Arrays.stream(message.split(",")).map(UUID::fromString).toList();
    }

    /**
     * The variants one transaction moved, bound to it as a resource (unbound while an inner transaction runs, so
     * each transaction announces only its own).
     */
    private final class Moved implements TransactionSynchronization {

        final Set<UUID> variants = new LinkedHashSet<>();

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(RecentAvailability.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(RecentAvailability.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(RecentAvailability.this);
            String message = variants.size() > MOST_IN_ONE_MESSAGE ? ""
                    : variants.stream().map(UUID::toString).collect(Collectors.joining(","));
            if (status == STATUS_COMMITTED) {
                cluster.publish(MOVED, message);
            } else {
                // nothing moved for the others to see; this instance forgets anyway, as a movement that committed would
                forget(message);
            }
        }
    }
}
