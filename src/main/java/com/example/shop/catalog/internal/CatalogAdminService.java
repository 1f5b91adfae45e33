package com.example.shop.catalog.internal;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.shop.catalog.ProductId;
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
        if (products.existsBySku(command.sku())) {
            throw new DuplicateSku(command.sku());
        }
        if (products.existsBySlug(command.slug())) {
            throw new DuplicateSlug(command.slug());
        }
        Product product = Product.create(details(command, true), clock.instant());
        flush(product);
        stock.open(product.getId(), initialStock);
        caches.evictAfterCommit();
        return views.toView(product);
    }

    public ProductView updateProduct(ProductId id, long expectedVersion, ProductCommand command) {
        Product product = load(id);
        if (products.existsBySkuAndIdNot(command.sku(), id.value())) {
            throw new DuplicateSku(command.sku());
        }
        if (products.existsBySlugAndIdNot(command.slug(), id.value())) {
            throw new DuplicateSlug(command.slug());
        }
        // an edit that does not mention active keeps the product on or off sale as it is
        product.revise(details(command, product.isActive()), expectedVersion, clock.instant());
        flush(product);
        caches.evictAfterCommit();
        return views.toView(product);
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

    @Transactional(readOnly = true)
    public StockLevel stockOf(ProductId id) {
        return stock.level(id.value()).orElseThrow(() -> new ProductNotFound(id.value()));
    }

    /**
     * Sets the units on hand (a recount or a delivery) with one conditional update; refused while more
     * are reserved than the new number. Availability is not in the public caches, so nothing to evict
     * there; the ledger makes the storefront forget the product's remembered number after commit.
     */
    public StockLevel setOnHand(ProductId id, int onHand) {
        if (onHand < 0) {
            throw new InvalidField("onHand", "onHand must not be negative");
        }
        if (!stock.setOnHand(id.value(), onHand)) {
            // The failed UPDATE locked the row (InnoDB, repeatable read), so this read sees what refused it.
            StockLevel current = stock.level(id.value()).orElseThrow(() -> new ProductNotFound(id.value()));
            current.withOnHand(onHand); // throws: below reserved
            throw new StockBelowReserved(onHand);
        }
        return stock.level(id.value()).orElseThrow(() -> new ProductNotFound(id.value()));
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
        String currency = command.priceCurrency() == null ? shopCurrency : command.priceCurrency();
        if (!currency.equals(shopCurrency)) {
            throw new WrongCurrency(shopCurrency, currency);
        }
        if (command.priceAmount() < 0) {
            // Money refuses it as well, but could not name the field
            throw new InvalidField("price.amount", "price must not be negative");
        }
        return new Product.Details(command.sku(), command.slug(), command.name(), command.description(),
                Money.of(command.priceAmount(), currency), categoriesFor(command.categorySlugs()), command.imageUrl(),
                command.active() == null ? activeWhenOmitted : command.active());
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
            if (violates(e, "uk_catalog_product_sku")) {
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
