package com.example.shop.catalog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.CompositeType;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.OptimisticLock;

import com.example.shop.catalog.Catalog;
import com.example.shop.shared.Money;
import com.example.shop.shared.persistence.MoneyType;

/**
 * Something the shop sells, in one or more variants: its options (Size: S, M, L) and one variant per option
 * combination sold, each with its own SKU and price. A product without options has exactly one variant.
 * Stock is not part of it (see {@code catalog_stock}): reservations must not touch the product row, nor make
 * an admin's edit stale. {@code price} is the lowest variant price, kept here for the listing's index.
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

    @Convert(converter = JsonColumns.Options.class)
    @Column(name = "options", length = 4000)
    private List<ProductOption> options = new ArrayList<>();

    // A set, so that it can be fetched with the categories in one query without duplicates.
    @OneToMany(mappedBy = "product", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    @OptimisticLock(excluded = true)
    private Set<Variant> variants = new LinkedHashSet<>();

    @Column(name = "image_url", length = 1000)
    private String imageUrl;

    // Loaded for all products of a page in one more query (not joined: that would multiply the rows).
    @OneToMany(mappedBy = "product", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    @OptimisticLock(excluded = true)
    @Fetch(FetchMode.SUBSELECT)
    private List<ProductImage> images = new ArrayList<>();

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

    /**
     * What an admin says about a product; the same for creating and revising it. Without {@code variants} the
     * product has one variant made of {@code sku} and {@code price}; with them, {@code price} is the default
     * of a variant that names none and {@code sku} (optional) the product's own reference.
     */
    record Details(String sku, String slug, String name, String description, Money price, Set<Category> categories,
            String imageUrl, boolean active, List<ProductOption> options, List<VariantDetails> variants) {

        /** A product without options: one variant of {@code sku} and {@code price}. */
        Details(String sku, String slug, String name, String description, Money price, Set<Category> categories,
                String imageUrl, boolean active) {
            this(sku, slug, name, description, price, categories, imageUrl, active, List.of(), List.of());
        }
    }

    /** One variant as an admin describes it; {@code price} null takes the product's. */
    record VariantDetails(String sku, Map<String, String> optionValues, Money price) {
    }

    /** What a change did to the variants: the stock of new ones must be opened, of removed ones closed. */
    record VariantChanges(List<UUID> added, List<UUID> removed, Map<UUID, Integer> positions) {
    }

    static Product create(Details details, Instant now) {
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.createdAt = now;
        product.apply(details, now);
        return product;
    }

    /** Applies an admin's edit made against {@code expectedVersion}; an edit of an older version is refused. */
    VariantChanges revise(Details details, long expectedVersion, Instant now) {
        if (expectedVersion != getVersion()) {
            throw new StaleProduct(getVersion(), expectedVersion);
        }
        return apply(details, now);
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

    private VariantChanges apply(Details details, Instant now) {
        if (details.name() == null || details.name().isBlank()) {
            throw new InvalidField("name", "name must not be blank");
        }
        if (details.price() != null && details.price().amount() > Catalog.MAX_PRICE_AMOUNT) {
            throw new InvalidField("price.amount",
                    "price must be at most " + Catalog.MAX_PRICE_AMOUNT + " (minor units)");
        }
        List<ProductOption> declared = checkedOptions(details.options());
        List<VariantDetails> wanted = checkedVariants(details, declared);
        String reference = details.sku() == null || details.sku().isBlank() ? wanted.get(0).sku() : details.sku().strip();
        VariantChanges changes = replaceVariants(wanted, declared.isEmpty());
        this.sku = reference;
        this.slug = Slugs.require(details.slug());
        this.name = details.name().strip();
        this.description = details.description() == null ? "" : details.description().strip();
        this.options = new ArrayList<>(declared);
        this.price = wanted.stream().map(VariantDetails::price).min(Comparator.comparingLong(Money::amount)).orElseThrow();
        this.imageUrl = details.imageUrl();
        this.active = details.active();
        this.categories.clear();
        this.categories.addAll(details.categories());
        this.updatedAt = now;
        return changes;
    }

    /** Options with names and values stripped, each name and each value of a name given once. */
    private static List<ProductOption> checkedOptions(List<ProductOption> options) {
        List<ProductOption> checked = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            ProductOption option = options.get(i);
            String field = "options[" + i + "]";
            if (option.name() == null || option.name().isBlank()) {
                throw new InvalidField(field + ".name", "an option needs a name");
            }
            String name = option.name().strip();
            if (!names.add(name)) {
                throw new InvalidField(field + ".name", "option '" + name + "' is declared twice");
            }
            if (option.values().isEmpty()) {
                throw new InvalidField(field + ".values", "option '" + name + "' needs at least one value");
            }
            List<String> values = new ArrayList<>();
            for (String value : option.values()) {
                String v = value == null ? "" : value.strip();
                if (v.isEmpty()) {
                    throw new InvalidField(field + ".values", "option values must not be blank");
                }
                if (values.contains(v)) {
                    throw new InvalidField(field + ".values", "value '" + v + "' of option '" + name + "' is given twice");
                }
                values.add(v);
            }
            checked.add(new ProductOption(name, values));
        }
        return checked;
    }

    /**
     * The variants to sell: each names exactly one declared value of every option, no combination twice and no
     * SKU twice; a product without options has exactly one variant (made of the product's sku and price when
     * none is given). Each comes back with its price resolved and its option values in the options' order.
     */
    private static List<VariantDetails> checkedVariants(Details details, List<ProductOption> options) {
        List<VariantDetails> given = details.variants();
        if (given.isEmpty()) {
            if (!options.isEmpty()) {
                throw new InvalidField("variants", "a product with options needs its variants, one per option combination sold");
            }
            if (details.sku() == null || details.sku().isBlank()) {
                throw new InvalidField("sku", "sku must not be blank");
            }
            if (details.price() == null) {
                throw new InvalidField("price", "price is required");
            }
            return List.of(new VariantDetails(details.sku().strip(), Map.of(), details.price()));
        }
        if (options.isEmpty() && given.size() > 1) {
            throw new InvalidField("variants", "a product without options has exactly one variant; declare its options");
        }
        List<VariantDetails> checked = new ArrayList<>();
        Map<Map<String, String>, Integer> combinations = new HashMap<>();
        Map<String, Integer> skus = new HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            VariantDetails variant = given.get(i);
            String field = "variants[" + i + "]";
            if (variant.sku() == null || variant.sku().isBlank()) {
                throw new InvalidField(field + ".sku", "sku must not be blank");
            }
            String sku = variant.sku().strip();
            if (skus.putIfAbsent(sku, i) != null) {
                throw new DuplicateSku(sku);
            }
            Map<String, String> values = variant.optionValues() == null ? Map.of() : variant.optionValues();
            for (String name : values.keySet()) {
                if (options.stream().noneMatch(o -> o.name().equals(name))) {
                    throw new InvalidField(field + ".optionValues", "'" + name + "' is not an option of this product");
                }
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            for (ProductOption option : options) {
                String value = values.get(option.name());
                if (value == null || value.isBlank()) {
                    throw new InvalidField(field + ".optionValues", "a value for option '" + option.name() + "' is missing");
                }
                if (!option.values().contains(value.strip())) {
                    throw new InvalidField(field + ".optionValues",
                            "'" + value.strip() + "' is not a declared value of option '" + option.name() + "'");
                }
                ordered.put(option.name(), value.strip());
            }
            Integer earlier = combinations.putIfAbsent(ordered, i);
            if (earlier != null) {
                throw new InvalidField(field + ".optionValues", "repeats the option combination of variants[" + earlier + "]");
            }
            Money price = variant.price() != null ? variant.price() : details.price();
            if (price == null) {
                throw new InvalidField(field + ".price", "a price is required (the variant's or the product's)");
            }
            if (price.amount() > Catalog.MAX_PRICE_AMOUNT) {
                throw new InvalidField(field + ".price.amount",
                        "price must be at most " + Catalog.MAX_PRICE_AMOUNT + " (minor units)");
            }
            checked.add(new VariantDetails(sku, ordered, price));
        }
        return checked;
    }

    /**
     * Keeps the variants that stay (found by SKU, else by option combination, so their ids and stock stay),
     * adds new ones and drops the rest. A product's only variant, when it has no options and none took the id
     * yet, shares the product's id: carts and clients that name the product name its variant too.
     */
    private VariantChanges replaceVariants(List<VariantDetails> wanted, boolean withoutOptions) {
        List<Variant> remaining = new ArrayList<>(variants);
        List<Variant> next = new ArrayList<>();
        List<UUID> added = new ArrayList<>();
        Map<UUID, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            VariantDetails details = wanted.get(i);
            Variant variant = remaining.stream().filter(v -> v.getSku().equals(details.sku())).findFirst()
                    .or(() -> remaining.stream().filter(v -> v.getOptionValues().equals(details.optionValues())).findFirst())
                    .orElse(null);
            if (variant == null) {
                boolean idFree = withoutOptions && variants.stream().noneMatch(v -> v.getId().equals(id));
                variant = new Variant(idFree ? id : UUID.randomUUID(), this);
                added.add(variant.getId());
            } else {
                remaining.remove(variant);
            }
            variant.apply(i, details.sku(), details.optionValues(), details.price());
            next.add(variant);
            positions.put(variant.getId(), i);
        }
        List<UUID> removed = remaining.stream().map(Variant::getId).toList();
        variants.removeAll(remaining);
        variants.addAll(next.stream().filter(v -> !variants.contains(v)).toList());
        return new VariantChanges(added, removed, positions);
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

    public List<ProductOption> getOptions() {
        return List.copyOf(options);
    }

    /** The variants in their order. */
    public List<Variant> getVariants() {
        return variants.stream().sorted(Comparator.comparingInt(Variant::getPosition)).toList();
    }

    /** The first uploaded image's URL, or the URL an admin typed in when there is none. */
    public String getImageUrl() {
        return images.isEmpty() ? imageUrl : images.get(0).getUrl();
    }

    public List<ProductImage> getImages() {
        return List.copyOf(images);
    }

    /** Adds an uploaded image after the others. */
    ProductImage addImage(UUID imageId, String alt, ImageProbe.Probed probed, long bytes, String sha256, Instant now) {
        int next = images.stream().mapToInt(ProductImage::getPosition).max().orElse(-1) + 1;
        ProductImage image = new ProductImage(imageId, this, next, alt, probed, bytes, sha256, now);
        images.add(image);
        return image;
    }

    /** Removes an image and closes the gap in the order; empty when the product has no such image. */
    java.util.Optional<ProductImage> removeImage(UUID imageId) {
        java.util.Optional<ProductImage> image = images.stream().filter(i -> i.getId().equals(imageId)).findFirst();
        image.ifPresent(i -> {
            images.remove(i);
            for (int p = 0; p < images.size(); p++) {
                images.get(p).moveTo(p);
            }
        });
        return image;
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
