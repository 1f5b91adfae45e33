package com.example.shop.catalog.internal;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.stereotype.Component;

import com.example.shop.shared.cluster.ClusterChannel;
import com.example.shop.shared.cluster.ClusterSubscriber;

/**
 * The public read caches, their keys and their invalidation.
 * <p>
 * Every admin change clears them once its transaction has committed (clearing earlier would let a
 * concurrent reader put the old row straight back). Clearing alone is not enough: a reader that read
 * before the commit may store its page <em>after</em> the clear, and that old page would then be served
 * until the TTL. So every key carries a generation number, taken when the read starts (the cache advice
 * runs before the transaction advice, so before the read's first statement), and each change moves to
 * the next generation after its commit, before clearing: a late put lands under the old generation,
 * which nobody asks for any more.
 * <p>
 * The caches are per instance, and so is the generation: a change is announced on the cluster channel's topic
 * {@value #CHANGED} once it committed, and every instance, this one included, then moves to its next generation
 * and clears. On this instance that happens in the committing thread, as without a channel; on the others within
 * milliseconds while Redis is up. Messages lost while an instance was cut off from Redis are made up for when it
 * subscribes again (it clears then); a message this instance could not send leaves the others stale for at most
 * the caches' TTL. Reads pay nothing for it: the key is the same one field read as before.
 * <p>
 * Availability is not in these caches; see {@link RecentAvailability}.
 */
@Component(CatalogCaches.KEYS)
class CatalogCaches implements KeyGenerator {

    static final String PRODUCTS = "catalog.products";
    static final String LISTINGS = "catalog.listings";
    static final String CATEGORIES = "catalog.categories";
    /** The ids and slugs no active product has, as found by a read: cleared with the others by every change. */
    static final String MISSES = "catalog.product-misses";
    static final List<String> ALL = List.of(PRODUCTS, MISSES, LISTINGS, CATEGORIES);
    /** This bean's name, the key generator of every catalog cache. */
    static final String KEYS = "catalogCaches";
    /** The cluster channel's topic of committed admin changes; the message is empty. */
    static final String CHANGED = "catalog.changed";

    /** A cache key: the read's arguments, in the generation that was current when the read started. */
    record Key(long generation, Object arguments) {
    }

    private final CacheManager caches;
    private final ClusterChannel cluster;
    private final AtomicLong generation = new AtomicLong();

    CatalogCaches(CacheManager caches, ClusterChannel cluster) {
        this.caches = caches;
        this.cluster = cluster;
        cluster.subscribe(CHANGED, new ClusterSubscriber() {
            @Override
            public void received(String message) {
                evictNow();
            }

            @Override
            public void mayHaveMissed() {
                evictNow();
            }
        });
    }

    @Override
    public Object generate(Object target, Method method, Object... params) {
        return key(SimpleKeyGenerator.generateKey(params));
    }

    /** The key of these arguments in the current generation. */
    Key key(Object arguments) {
        return new Key(generation.get(), arguments);
    }

    /** Every instance (this one in the committing thread) evicts once the current transaction has committed. */
    void evictAfterCommit() {
        cluster.publishAfterCommit(CHANGED, "");
    }

    /** Moves to a new generation (so reads still running store under the old one), then frees the old entries. */
    void evictNow() {
        generation.incrementAndGet();
        for (String name : ALL) {
            Cache cache = caches.getCache(name);
            if (cache != null) {
                cache.clear();
            }
        }
    }
}
