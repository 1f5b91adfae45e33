package com.example.shop.catalog.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The category tree, cached whole (a shop has tens or hundreds of categories, not millions): a collaborator
 * of {@link CatalogQueryService}, which is the web layer's entry point for reading it.
 */
@Service
class CategoryDirectory {

    private final Categories categories;

    CategoryDirectory(Categories categories) {
        this.categories = categories;
    }

    @Cacheable(cacheNames = CatalogCaches.CATEGORIES, keyGenerator = CatalogCaches.KEYS)
    @Transactional(readOnly = true)
    public List<CategoryView> all() {
        return categories.findAllWithParents().stream()
                .map(c -> new CategoryView(c.getId(), c.getSlug(), c.getName(),
                        c.getParent() == null ? null : c.getParent().getId(),
                        c.getParent() == null ? null : c.getParent().getSlug()))
                .toList();
    }

    /** The category with {@code slug} and all its descendants, from the (cached) list; empty when unknown. */
    static Optional<Set<UUID>> subtree(List<CategoryView> all, String slug) {
        Optional<CategoryView> root = all.stream().filter(c -> c.slug().equals(slug)).findFirst();
        if (root.isEmpty()) {
            return Optional.empty();
        }
        Set<UUID> ids = new LinkedHashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(List.of(root.get().id()));
        while (!todo.isEmpty()) {
            UUID id = todo.pop();
            if (ids.add(id)) {
                all.stream().filter(c -> id.equals(c.parentId())).forEach(c -> todo.push(c.id()));
            }
        }
        return Optional.of(ids);
    }
}
