package com.example.shop.catalog.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.shared.Money;
import com.example.shop.shared.ShopException;


/**
 * Everything an admin changes: products, categories and on-hand stock. Each change clears the public
 * caches after it commits. Uniqueness is checked up front for a clear answer and backed by the unique
 * indexes for the race between two admins.
 */
@Service
@Transactional
public class CatalogAdminService {

    private final Products products;
    private final Categories categories;
    private final StockLedger stock;
    private final ProductViews views;
    private final CatalogCaches caches;
    private final String shopCurrency;
    private final Clock clock;

    CatalogAdminService(Products products, Categories categories, StockLedger stock, ProductViews views,
            CatalogCaches caches, @Value("${shop.currency:EUR}") String shopCurrency) {
        this.products = products;
        this.categories = categories;
        this.stock = stock;
        this.views = views;
        this.caches = caches;
        this.shopCurrency = Money.currency(shopCurrency).getCurrencyCode();
        this.clock = Clock.systemUTC();
    }

    // --- products ---------------------------------------------------------------------------------

    public ProductView createProduct(ProductCommand command, int initialStock) {
        if (initialStock < 0) {
            throw new InvalidField("stock", "stock must not be negative");
        }
        if (products.existsBySlug(command.slug())) {
            throw new DuplicateSlug(command.slug());
        }
        Product.Details details = details(command, true);
        requireSkusFree(details, new UUID(0, 0));
        Product product = Product.create(details, clock.instant());
        flush(product);
        List<Variant> variants = product.getVariants();
        for (int i = 0; i < variants.size(); i++) {
            Integer given = command.variants().isEmpty() ? Integer.valueOf(initialStock) : command.variants().get(i).stock();
            stock.open(product.getId(), variants.get(i).getId(), given == null ? 0 : given);
        }
        caches.evictAfterCommit();
        return views.toView(product);
    }

    /**
     * Revises a product and its variants. Variants are matched by SKU, else by option combination, and keep
     * their id and stock; new ones open their stock ({@code stock}, default 0); a kept one with a {@code stock}
     * gets it as units on hand (409 below what is reserved); a dropped one closes its stock, refused (409) while
     * open orders hold units of it.
     */
    public ProductView updateProduct(ProductId id, long expectedVersion, ProductCommand command) {
        Product product = load(id);
        if (products.existsBySlugAndIdNot(command.slug(), id.value())) {
            throw new DuplicateSlug(command.slug());
        }
        Product.Details details = details(command, product.isActive());
        requireSkusFree(details, id.value());
        // an edit that does not mention active keeps the product on or off sale as it is
        Product.VariantChanges changes = product.revise(details, expectedVersion, clock.instant());
        for (UUID removed : changes.removed()) {
            if (!stock.close(removed)) {
                throw new VariantInUse(removed);
            }
        }
        flush(product);
        changes.positions().forEach((variantId, position) -> {
            Integer given = command.variants().isEmpty() ? null : command.variants().get(position).stock();
            if (changes.added().contains(variantId)) {
                stock.open(product.getId(), variantId, given == null ? 0 : given);
            } else if (given != null) {
                setVariantOnHand(variantId, given);
            }
        });
        caches.evictAfterCommit();
        return views.toView(product);
    }

    private void requireSkusFree(Product.Details details, UUID productId) {
        List<String> skus = details.variants().isEmpty()
                ? (details.sku() == null ? List.of() : List.of(details.sku().strip()))
                : details.variants().stream().map(Product.VariantDetails::sku).filter(s -> s != null)
                        .map(String::strip).toList();
        if (!skus.isEmpty()) {
            products.skusTakenElsewhere(skus, productId).stream().findFirst().ifPresent(taken -> {
                throw new DuplicateSku(taken);
            });
        }
    }

    /** Takes a product off sale (DELETE); carts and orders keep knowing it. */
    public void deactivateProduct(ProductId id) {
        Product product = load(id);
        if (product.deactivate(clock.instant())) {
            caches.evictAfterCommit();
        }
    }

    @Transactional(readOnly = true)
    public ProductView product(ProductId id) {
        return views.toView(load(id));
    }

    /** A product's stock: the sum of its variants'. */
    @Transactional(readOnly = true)
    public StockLevel stockOf(ProductId id) {
        Product product = load(id);
        Map<UUID, StockLevel> levels = stock.levels(product.getVariants().stream().map(Variant::getId).toList());
        return new StockLevel(levels.values().stream().mapToInt(StockLevel::onHand).sum(),
                levels.values().stream().mapToInt(StockLevel::reserved).sum());
    }

    /** The stock of each variant of a product, by variant id. */
    @Transactional(readOnly = true)
    public Map<UUID, StockLevel> variantStock(ProductId id) {
        Product product = load(id);
        return stock.levels(product.getVariants().stream().map(Variant::getId).toList());
    }

    /**
     * Sets the units on hand of a product that has one variant (a recount or a delivery); a product with
     * several variants sets each through {@link #setOnHand(ProductId, VariantId, int)}.
     */
    public StockLevel setOnHand(ProductId id, int onHand) {
        List<Variant> variants = load(id).getVariants();
        if (variants.size() != 1) {
            throw new InvalidField("variantId", "the product has " + variants.size()
                    + " variants; set the stock of each at /api/admin/products/{id}/variants/{variantId}/stock");
        }
        return setOnHand(id, new VariantId(variants.get(0).getId()), onHand);
    }

    /**
     * Sets the units on hand of one variant with one conditional update; refused while more are reserved than
     * the new number. Availability is not in the public caches, so nothing to evict there; the ledger makes
     * the storefront forget the variant's remembered number after commit.
     */
    public StockLevel setOnHand(ProductId id, VariantId variant, int onHand) {
        if (onHand < 0) {
            throw new InvalidField("onHand", "onHand must not be negative");
        }
        if (load(id).getVariants().stream().noneMatch(v -> v.getId().equals(variant.value()))) {
            throw new VariantNotFound(variant.value());
        }
        return setVariantOnHand(variant.value(), onHand);
    }

    private StockLevel setVariantOnHand(UUID variantId, int onHand) {
        if (!stock.setOnHand(variantId, onHand)) {
            // The failed UPDATE locked the row (InnoDB, repeatable read), so this read sees what refused it.
            StockLevel current = stock.level(variantId).orElseThrow(() -> new VariantNotFound(variantId));
            current.withOnHand(onHand); // throws: below reserved
            throw new StockBelowReserved(onHand);
        }
        return stock.level(variantId).orElseThrow(() -> new VariantNotFound(variantId));
    }

    // --- categories -------------------------------------------------------------------------------

    public CategoryView createCategory(String slug, String name, String parentSlug) {
        if (categories.existsBySlug(slug)) {
            throw new DuplicateSlug(slug);
        }
        Category category = Category.create(slug, name, parent(parentSlug));
        try {
            categories.saveAndFlush(category);
        } catch (DataIntegrityViolationException e) {
            throw categoryConflict(e, slug);
        }
        caches.evictAfterCommit();
        return view(category);
    }

    public CategoryView updateCategory(CategoryId id, String slug, String name, String parentSlug) {
        Category category = categories.findById(id.value()).orElseThrow(() -> new CategoryNotFound(id.value()));
        if (categories.existsBySlugAndIdNot(slug, id.value())) {
            throw new DuplicateSlug(slug);
        }
        category.rename(slug, name);
        category.moveUnder(parent(parentSlug));
        try {
            categories.flush();
        } catch (DataIntegrityViolationException e) {
            throw categoryConflict(e, slug);
        }
        caches.evictAfterCommit();
        return view(category);
    }

    /** Deletes an empty leaf category; one with child categories or products is refused (409). */
    public void deleteCategory(CategoryId id) {
        Category category = categories.findById(id.value()).orElseThrow(() -> new CategoryNotFound(id.value()));
        if (categories.existsByParent(category)) {
            throw new CategoryInUse(category.getSlug(), "has child categories; move or delete them first.");
        }
        if (products.countByCategory(id.value()) > 0) {
            throw new CategoryInUse(category.getSlug(), "still has products; take them out of it first.");
        }
        try {
            categories.delete(category);
            categories.flush();
        } catch (DataIntegrityViolationException e) {
            // a product or child category was saved into it after the checks above read (the foreign keys decide)
            throw new CategoryInUse(category.getSlug(),
                    "was given products or child categories meanwhile; take them out of it first.");
        }
        caches.evictAfterCommit();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private Product.Details details(ProductCommand command, boolean activeWhenOmitted) {
        Money price = command.priceAmount() == null ? null : money("price", command.priceAmount(), command.priceCurrency());
        List<Product.VariantDetails> variants = new ArrayList<>();
        for (int i = 0; i < command.variants().size(); i++) {
            ProductCommand.VariantCommand v = command.variants().get(i);
            variants.add(new Product.VariantDetails(v.sku(), v.optionValues(),
                    v.priceAmount() == null ? null : money("variants[" + i + "].price", v.priceAmount(), v.priceCurrency())));
        }
        return new Product.Details(command.sku(), command.slug(), command.name(), command.description(), price,
                categoriesFor(command.categorySlugs()), command.imageUrl(),
                command.active() == null ? activeWhenOmitted : command.active(), command.options(), variants);
    }

    private Money money(String field, long amount, String givenCurrency) {
        String currency = givenCurrency == null ? shopCurrency : givenCurrency;
        if (!currency.equals(shopCurrency)) {
            throw new WrongCurrency(shopCurrency, currency);
        }
        if (amount < 0) {
            // Money refuses it as well, but could not name the field
            throw new InvalidField(field + ".amount", "price must not be negative");
        }
        return Money.of(amount, currency);
    }

    private Set<Category> categoriesFor(List<String> slugs) {
        if (slugs.isEmpty()) {
            return Set.of();
        }
        Set<String> wanted = new LinkedHashSet<>(slugs);
        List<Category> found = categories.findBySlugIn(wanted);
        if (found.size() != wanted.size()) {
            found.forEach(c -> wanted.remove(c.getSlug()));
            throw new UnknownCategory("categorySlugs", "Unknown categories: " + String.join(", ", wanted) + ".");
        }
        return new LinkedHashSet<>(found);
    }

    private Category parent(String parentSlug) {
        if (parentSlug == null || parentSlug.isBlank()) {
            return null;
        }
        return categories.findBySlug(parentSlug).orElseThrow(() -> new UnknownCategory("parentSlug",
                "Unknown parent category: " + parentSlug + "."));
    }

    /** Saves now, so that a constraint the checks above could not see (a concurrent admin) answers for itself. */
    private void flush(Product product) {
        try {
            products.saveAndFlush(product);
        } catch (DataIntegrityViolationException e) {
            if (violates(e, "uk_catalog_product_slug")) {
                throw new DuplicateSlug(product.getSlug());
            }
            if (violates(e, "uk_catalog_variant_sku")) {
                throw new DuplicateSku(product.getSku());
            }
            if (violates(e, "fk_catalog_product_category_category")) {
                throw new ConcurrentChange("A category of the product was deleted meanwhile: "
                        + String.join(", ", product.getCategorySlugs()) + "; reload the categories and try again.");
            }
            throw new ConcurrentChange(
                    "The product conflicts with a change made meanwhile; reload it and try again.");
        }
    }

    private static ShopException categoryConflict(DataIntegrityViolationException e, String slug) {
        if (violates(e, "uk_catalog_category_slug")) {
            return new DuplicateSlug(slug);
        }
        return new ConcurrentChange(
                "The parent category was deleted or changed meanwhile; reload the categories and try again.");
    }

    /** Whether the database refused the statement because of the constraint with this name. */
    private static boolean violates(DataIntegrityViolationException e, String constraint) {
        return String.valueOf(e.getMostSpecificCause().getMessage()).contains(constraint);
    }

    private Product load(ProductId id) {
        return products.findWithCategoriesById(id.value()).orElseThrow(() -> new ProductNotFound(id.value()));
    }

    private static CategoryView view(Category c) {
        Category parent = c.getParent();
        return new CategoryView(c.getId(), c.getSlug(), c.getName(), parent == null ? null : parent.getId(),
                parent == null ? null : parent.getSlug());
    }

}
