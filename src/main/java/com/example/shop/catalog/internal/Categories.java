package com.example.shop.catalog.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Categories extends JpaRepository<Category, UUID> {

    Optional<Category> findBySlug(String slug);

    List<Category> findBySlugIn(Collection<String> slugs);

    boolean existsBySlug(String slug);

    boolean existsBySlugAndIdNot(String slug, UUID id);

    boolean existsByParent(Category parent);

    @Query("select c from Category c left join fetch c.parent order by c.name, c.slug")
    List<Category> findAllWithParents();
}
