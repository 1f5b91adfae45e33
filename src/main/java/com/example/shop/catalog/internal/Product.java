package com.example.shop.catalog.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CompositeType;
import org.hibernate.annotations.OptimisticLock;

import com.example.shop.catalog.Catalog;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/**
 * Something the shop sells. Its stock is not part of it (see {@code catalog_stock}): reservations must
 * not touch the product row, nor make an admin's edit stale.
 */
@Entity
@Table(name = "catalog_product")
class Product {

    @Id
    private UUID id;

    @Column(nullable = false, length = 64)
    private String sku;

    @Column(nullable = false, length = 120)
    private String slug;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 4000)
    private String description;

    @CompositeType(MoneyType.class)
    @AttributeOverride(name = "amount", column = @Column(name = "price_amount", nullable = false))
    @AttributeOverride(name = "currency", column = @Column(name = "price_currency", nullable = false, length = 3))
    private Money price;

    @Column(name = "image_url", length = 1000)
    private String imageUrl;

    @Column(nullable = false)
    private boolean active;

    @Version
    private Long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    // Excluded from the version check: every revision also changes updatedAt, which bumps the version;
    // without this, inserting a new product's category links counts as a second change.
    @ManyToMany
    @OptimisticLock(excluded = true)
    @JoinTable(name = "catalog_product_category",
            joinColumns = @JoinColumn(name = "product_id"),
            inverseJoinColumns = @JoinColumn(name = "category_id"))
    private Set<Category> categories = new LinkedHashSet<>();

    protected Product() {
    }

    /** What an admin says about a product; the same for creating and revising it. */
    record Details(String sku, String slug, String name, String description, Money price, Set<Category> categories,
            String imageUrl, boolean active) {
    }

    static Product create(Details details, Instant now) {
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.createdAt = now;
        product.apply(details, now);
        return product;
    }

    /** Applies an admin's edit made against {@code expectedVersion}; an edit of an older version is refused. */
    void revise(Details details, long expectedVersion, Instant now) {
        if (expectedVersion != getVersion()) {
            throw new StaleProduct(getVersion(), expectedVersion);
        }
        apply(details, now);
    }

    /** Takes the product off sale; it stays known to carts and orders. Deactivating twice changes nothing. */
    boolean deactivate(Instant now) {
        if (!active) {
            return false;
        }
        active = false;
        updatedAt = now;
        return true;
    }

    private void apply(Details details, Instant now) {
        if (details.sku() == null || details.sku().isBlank()) {
            throw new InvalidField("sku", "sku must not be blank");
        }
        if (details.name() == null || details.name().isBlank()) {
            throw new InvalidField("name", "name must not be blank");
        }
        if (details.price() == null) {
            throw new InvalidField("price", "price is required");
        }
        if (details.price().amount() > Catalog.MAX_PRICE_AMOUNT) {
            throw new InvalidField("price.amount",
                    "price must be at most " + Catalog.MAX_PRICE_AMOUNT + " (minor units)");
        }
        this.sku = details.sku().strip();
        this.slug = Slugs.require(details.slug());
        this.name = details.name().strip();
        this.description = details.description() == null ? "" : details.description().strip();
        this.price = details.price();
        this.imageUrl = details.imageUrl();
        this.active = details.active();
        this.categories.clear();
        this.categories.addAll(details.categories());
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getSku() {
        return sku;
    }

    public String getSlug() {
        return slug;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Money getPrice() {
        return price;
    }

    public String getImageUrl() {
        return imageUrl;
    }

    public boolean isActive() {
        return active;
    }

    public long getVersion() {
        return version == null ? 0 : version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<String> getCategorySlugs() {
        return categories.stream().map(Category::getSlug).sorted(Comparator.naturalOrder()).toList();
    }
}
