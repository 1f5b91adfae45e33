package com.example.shop.catalog.internal;

import java.util.List;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The public read caches and their invalidation. Every admin change clears them once its transaction
 * has committed (clearing earlier would let a concurrent reader put the old row straight back).
 * Availability is never cached, so stock movements need no eviction.
 */
@Component
class CatalogCaches {

    static final String PRODUCTS = "catalog.products";
    static final String LISTINGS = "catalog.listings";
    static final String CATEGORIES = "catalog.categories";
    static final List<String> ALL = List.of(PRODUCTS, LISTINGS, CATEGORIES);

    private final CacheManager caches;

    CatalogCaches(CacheManager caches) {
        this.caches = caches;
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

    void evictNow() {
        for (String name : ALL) {
            Cache cache = caches.getCache(name);
            if (cache != null) {
                cache.clear();
            }
        }
    }
}
