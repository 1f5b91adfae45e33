package com.example.shop.catalog.internal;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
 * Availability is not in these caches; see {@link RecentAvailability}.
 */
@Component(CatalogCaches.KEYS)
class CatalogCaches implements KeyGenerator {

    static final String PRODUCTS = "catalog.products";
    static final String LISTINGS = "catalog.listings";
    static final String CATEGORIES = "catalog.categories";
    static final List<String> ALL = List.of(PRODUCTS, LISTINGS, CATEGORIES);
    /** This bean's name, the key generator of every catalog cache. */
    static final String KEYS = "catalogCaches";

    /** A cache key: the read's arguments, in the generation that was current when the read started. */
    record Key(long generation, Object arguments) {
    }

    private final CacheManager caches;
    private final AtomicLong generation = new AtomicLong();

    CatalogCaches(CacheManager caches) {
        this.caches = caches;
    }

    @Override
    public Object generate(Object target, Method method, Object... params) {
        return key(SimpleKeyGenerator.generateKey(params));
    }

    /** The key of these arguments in the current generation. */
    Key key(Object arguments) {
        return new Key(generation.get(), arguments);
    }

    void evictAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evictNow();
                }
            });
        } else {
            evictNow();
        }
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
