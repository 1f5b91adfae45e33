package com.example.shop.catalog.internal;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.catalog.CatalogTestData;
import com.example.shop.catalog.Inventory;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.StockLine;
import com.example.shop.catalog.VariantId;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The public reads are really cached, admin changes clear the caches, stock movements need not. */
@IntegrationTest
class CatalogCachingTests {

    @Autowired
    CatalogQueryService queries;

    @Autowired
    CatalogAdminService admin;

    @Autowired
    CacheManager caches;

    @Autowired
    CatalogCaches catalogCaches;

    @Autowired
    Inventory inventory;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CategoryDirectory directory;

    com.github.benmanes.caffeine.cache.Cache<Object, Object> cache(String name) {
        return ((CaffeineCache) caches.getCache(name)).getNativeCache();
    }

    @Test
    void listingPagesAndProductsAreServedFromTheCacheUntilAnAdminChange() {
        ProductView product = new CatalogTestData(admin).product(500, 3);
        ListingQuery query = ListingQuery.of(product.name(), null, null, null, 0, 20, null);

        ProductPage first = queries.listing(query);
        assertThat(first.content()).extracting(ProductView::id).containsExactly(product.id());
        assertThat(cache(CatalogCaches.LISTINGS).getIfPresent(catalogCaches.key(query))).isSameAs(first);
        assertThat(queries.listing(query)).isSameAs(first);
        assertThat(queries.findPublic(product.slug())).isPresent();
        assertThat(cache(CatalogCaches.PRODUCTS).getIfPresent(catalogCaches.key(product.slug()))).isNotNull();

        // stock movements change no cached value: availability is not part of it
        transactions.executeWithoutResult(tx -> inventory.reserve(List.of(new StockLine(new VariantId(product.id()), 2))));
        assertThat(queries.listing(query)).isSameAs(first);
        assertThat(queries.available(List.of(product))).containsEntry(product.id(), 1);

        CatalogCaches.Key before = catalogCaches.key(query);
        admin.deactivateProduct(new ProductId(product.id()));
        assertThat(catalogCaches.key(query)).isNotEqualTo(before);
        assertThat(cache(CatalogCaches.LISTINGS).getIfPresent(before)).isNull();
        assertThat(cache(CatalogCaches.PRODUCTS).getIfPresent(new CatalogCaches.Key(before.generation(), product.slug())))
                .isNull();
        assertThat(queries.listing(query).content()).isEmpty();
        assertThat(queries.findPublic(product.slug())).isEmpty();
    }

    @Test
    void anUnknownProductIsRememberedApartFromTheProductsUntilAnAdminChange() {
        ProductView product = new CatalogTestData(admin).product(500, 3);
        admin.deactivateProduct(new ProductId(product.id()));
        String slug = CatalogTestData.word();
        for (String missing : List.of(slug, product.slug())) {
            assertThat(queries.findPublic(missing)).isEmpty();
            assertThat(cache(CatalogCaches.PRODUCTS).getIfPresent(catalogCaches.key(missing))).isNull();
            assertThat(cache(CatalogCaches.MISSES).asMap()).containsKey(catalogCaches.key(missing));
            assertThat(remembersAMiss(missing)).isTrue();
        }
        // text longer than any slug is not remembered (nor looked up)
        String tooLong = "a".repeat(CatalogQueryService.MAX_NAME_LENGTH + 1);
        assertThat(queries.findPublic(tooLong)).isEmpty();
        assertThat(cache(CatalogCaches.MISSES).asMap()).doesNotContainKey(catalogCaches.key(tooLong));

        // created: the change clears the misses (the new generation alone would hide the old miss, and leave it
        // taking room until the TTL), and the product shows at once
        ProductView created = admin.createProduct(new ProductCommand("SKU-" + java.util.UUID.randomUUID(), slug,
                "Created", "For tests", 700, null, List.of(), "https://img.example/" + slug + ".jpg", true), 1);
        assertThat(remembersAMiss(slug)).as("the created product's slug is still a remembered miss").isFalse();
        assertThat(queries.findPublic(slug)).map(ProductView::id).hasValue(created.id());

        // activated: the same
        assertThat(queries.findPublic(product.slug())).isEmpty();
        assertThat(remembersAMiss(product.slug())).isTrue();
        admin.updateProduct(new ProductId(product.id()), admin.product(new ProductId(product.id())).version(),
                new ProductCommand(product.sku(), product.slug(), product.name(), product.description(),
                        product.price().amount(), null, List.of(), product.imageUrl(), true));
        assertThat(remembersAMiss(product.slug())).as("the activated product's slug is still a remembered miss")
                .isFalse();
        assertThat(queries.findPublic(product.slug())).map(ProductView::id).hasValue(product.id());
    }

    /** Whether the misses cache holds this id or slug, under any generation. */
    private boolean remembersAMiss(String idOrSlug) {
        return cache(CatalogCaches.MISSES).asMap().keySet().stream()
                .anyMatch(key -> ((CatalogCaches.Key) key).arguments().equals(idOrSlug));
    }

    @Test
    void categoryChangesClearTheCategoryList() {
        List<CategoryView> cached = directory.all();
        assertThat(directory.all()).isSameAs(cached);
        String slug = CatalogTestData.word();
        admin.createCategory(slug, "Two", null);
        assertThat(directory.all()).isNotSameAs(cached).extracting(CategoryView::slug).contains(slug);
    }
}
