package com.example.shop.catalog.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface ImageRows extends JpaRepository<ProductImage, UUID> {

    Optional<ProductImage> findByStorageKey(String storageKey);
}
