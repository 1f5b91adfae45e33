package com.example.shop.catalog.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Products extends JpaRepository<Product, UUID> {

    /** The products of one listing page with their categories: one query, no N+1. */
    @Query("select distinct p from Product p left join fetch p.categories left join fetch p.variants where p.id in :ids")
    List<Product> findWithCategories(Collection<UUID> ids);

    @Query("select p from Product p left join fetch p.categories left join fetch p.variants where p.id = :id")
    Optional<Product> findWithCategoriesById(UUID id);

    @Query("select p from Product p left join fetch p.categories left join fetch p.variants where p.slug = :slug")
    Optional<Product> findWithCategoriesBySlug(String slug);

    boolean existsBySlug(String slug);

    /** Those of these SKUs that variants of other products than {@code productId} have. */
    @Query("select v.sku from Variant v where v.sku in :skus and v.product.id <> :productId")
    List<String> skusTakenElsewhere(Collection<String> skus, UUID productId);

    boolean existsBySlugAndIdNot(String slug, UUID id);

    @Query(value = "select count(*) from catalog_product_category where category_id = :categoryId", nativeQuery = true)
    long countByCategory(UUID categoryId);
}
