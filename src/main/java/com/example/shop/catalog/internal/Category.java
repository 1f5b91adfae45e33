package com.example.shop.catalog.internal;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A node of the category tree; a parent category's listing includes its children's products. */
@Entity
@Table(name = "catalog_category")
class Category {

    @Id
    private UUID id;

    @Column(nullable = false, length = 120)
    private String slug;

    @Column(nullable = false, length = 200)
    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private Category parent;

    protected Category() {
    }

    private Category(UUID id, String slug, String name) {
        this.id = id;
        this.slug = Slugs.require(slug);
        this.name = requireName(name);
    }

    static Category create(String slug, String name, Category parent) {
        Category category = new Category(UUID.randomUUID(), slug, name);
        category.moveUnder(parent);
        return category;
    }

    void rename(String newSlug, String newName) {
        this.slug = Slugs.require(newSlug);
        this.name = requireName(newName);
    }

    /**
     * Moves this category under {@code newParent} (or to the top for null); a category cannot be its own ancestor.
     * The walk up goes through the getters: ancestors past the first are lazy proxies, whose fields are
     * never set (only their methods load them).
     */
    void moveUnder(Category newParent) {
        Set<UUID> seen = new HashSet<>();
        for (Category c = newParent; c != null && seen.add(c.getId()); c = c.getParent()) {
            if (c == this || Objects.equals(c.getId(), id)) {
                throw new CategoryCycle(slug);
            }
        }
        this.parent = newParent;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidField("name", "name must not be blank");
        }
        return name.strip();
    }

    UUID getId() {
        return id;
    }

    String getSlug() {
        return slug;
    }

    String getName() {
        return name;
    }

    Category getParent() {
        return parent;
    }
}
