package com.example.shop.catalog.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * The storefront's reads: the listing, one product and the category tree, cached (products without
 * availability); {@link #available} adds the numbers with at most one primary-key query per response (none
 * while {@link RecentAvailability} remembers them).
 */
@Service
public class CatalogQueryService {

    /** The longest id or slug a product can have: a slug's column ({@code VARCHAR(120)}); an id is 36. */
    static final int MAX_NAME_LENGTH = 120;

    private final Products products;
    private final ProductSearch search;
    private final CategoryDirectory categories;
    private final StockLedger stock;
    private final ProductViews views;
    private final RecentAvailability shown;

    CatalogQueryService(Products products, ProductSearch search, CategoryDirectory categories, StockLedger stock,
            ProductViews views, RecentAvailability shown) {
        this.shown = shown;
        this.products = products;
        this.search = search;
        this.categories = categories;
        this.stock = stock;
        this.views = views;
    }

    /**
     * One page of active products: a count, a page of ids, then the products with their categories.
     * Call it outside a transaction (as the controller does): its cache key's generation must be taken
     * before its first read (see {@link CatalogCaches}).
     */
    @Cacheable(cacheNames = CatalogCaches.LISTINGS, keyGenerator = CatalogCaches.KEYS)
    @Transactional(readOnly = true)
    public ProductPage listing(ListingQuery query) {
        Set<UUID> categoryIds = null;
        if (query.category() != null) {
            Optional<Set<UUID>> subtree = CategoryDirectory.subtree(categories.all(), query.category());
            if (subtree.isEmpty()) {
                return new ProductPage(List.of(), query.page(), query.size(), 0);
            }
            categoryIds = subtree.get();
        }
        ProductSearch.Result result = search.search(query, categoryIds);
        List<ProductView> content = List.of();
        if (!result.ids().isEmpty()) {
            Map<UUID, Product> byId = products.findWithCategories(result.ids()).stream()
                    .collect(Collectors.toMap(Product::getId, Function.identity()));
            content = result.ids().stream().map(byId::get).map(views::toView).toList();
        }
        return new ProductPage(content, query.page(), query.size(), result.total());
    }

    /**
     * An active product by id or slug; empty for unknown and inactive ones. Both answers are cached, a miss in a
     * cache of its own ({@link CatalogCaches#MISSES}) so that asking for many names that do not exist never
     * pushes real products out: an unknown name costs no query until an admin change clears both (the one that
     * creates or activates the product included), and text longer than any slug costs none at all.
     */
    @Caching(cacheable = {
            @Cacheable(cacheNames = CatalogCaches.PRODUCTS, keyGenerator = CatalogCaches.KEYS, unless = "#result == null"),
            @Cacheable(cacheNames = CatalogCaches.MISSES, keyGenerator = CatalogCaches.KEYS,
                    condition = "#p0.length() <= " + MAX_NAME_LENGTH, unless = "#result != null") })
    @Transactional(readOnly = true)
    public Optional<ProductView> findPublic(String idOrSlug) {
        if (idOrSlug.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        Optional<Product> product = parseUuid(idOrSlug)
                .flatMap(products::findWithCategoriesById)
                .or(() -> products.findWithCategoriesBySlug(idOrSlug));
        return product.filter(Product::isActive).map(views::toView);
    }

    /**
     * Availability (on hand minus reserved) of the variants of these products for display, by variant id: live,
     * or remembered for at most {@code shop.catalog.availability-ttl} (see {@link RecentAvailability}). One
     * primary-key query for all of them, none while they are remembered.
     */
    public Map<UUID, Integer> available(Collection<ProductView> views) {
        List<UUID> variantIds = views.stream().flatMap(view -> view.variants().stream())
                .map(ProductView.VariantView::id).toList();
        return shown.get(variantIds, ids -> stock.levels(ids).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().available())));
    }

    /** Every category, each with its parent (the tree is cached whole, see {@link CategoryDirectory}). */
    public List<CategoryView> categories() {
        return categories.all();
    }

    private static Optional<UUID> parseUuid(String value) {
        if (value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
