package com.example.shop.catalog.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Spring Cache on Caffeine for the catalog's public reads, in each instance's memory also when Redis is configured
 * ({@code spring.cache.type=caffeine}: a hit costs no network round trip; Redis only carries the invalidations, see
 * {@link CatalogCaches}). The caches are bounded in size and time: eviction on admin changes keeps them right, the
 * time limit bounds the damage of anything missed (another instance's change announced while Redis was down).
 * <p>
 * The cache advice runs before the transaction advice, so a cache hit needs no database connection.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching(order = Ordered.HIGHEST_PRECEDENCE)
class CatalogConfiguration {

    @Bean
    CacheManagerCustomizer<CaffeineCacheManager> catalogCacheSpecs(
            @Value("${shop.catalog.cache.ttl:5m}") Duration ttl,
            @Value("${shop.catalog.cache.max-products:10000}") long maxEntries) {
        // every cache's upkeep (expiry, eviction, the reads it records) runs on the thread that uses it: handing it to
        // the common fork-join pool woke a pool thread every few hits, a cost of its own on each cached read
        // (bench/README.md)
        return manager -> {
            manager.registerCustomCache(CatalogCaches.PRODUCTS, Caffeine.newBuilder().executor(Runnable::run)
                    .maximumSize(maxEntries).expireAfterWrite(ttl).recordStats().build());
            // the names asked for that no active product has (a mistyped link, a deleted product, a crawler):
            // bounded on their own, so that they never push a real product out of the cache above
            manager.registerCustomCache(CatalogCaches.MISSES, Caffeine.newBuilder().executor(Runnable::run)
                    .maximumSize(maxEntries).expireAfterWrite(ttl).recordStats().build());
            manager.registerCustomCache(CatalogCaches.CATEGORIES, Caffeine.newBuilder().executor(Runnable::run)
                    .maximumSize(1).expireAfterWrite(ttl).recordStats().build());
            // a listing page weighs as many products as it holds: the bound is on products, not pages
            manager.registerCustomCache(CatalogCaches.LISTINGS, Caffeine.newBuilder().executor(Runnable::run)
                    .maximumWeight(maxEntries)
                    .weigher((Object key, Object page) -> 1 + ((ProductPage) page).content().size())
                    .expireAfterWrite(ttl).recordStats().build());
        };
    }
}
