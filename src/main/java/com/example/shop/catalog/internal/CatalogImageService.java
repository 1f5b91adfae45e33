package com.example.shop.catalog.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.unit.DataSize;

import com.example.shop.catalog.ProductId;

/**
 * Product images: upload (checked by their bytes before anything is stored), delete, and the bytes for the
 * public URL. A row and its bytes come and go together: the bytes are written inside the row's transaction
 * and removed again if it rolls back; a deleted row's bytes are removed once the deletion has committed.
 */
@Service
public class CatalogImageService {

    private static final Logger log = LoggerFactory.getLogger(CatalogImageService.class);

    private final Products products;
    private final ImageRows rows;
    private final ImageStorage storage;
    private final CatalogCaches caches;
    private final ProductViews views;
    private final long maxBytes;
    private final long maxPixels;
    private final Clock clock = Clock.systemUTC();

    CatalogImageService(Products products, ImageRows rows, ImageStorage storage, CatalogCaches caches,
            ProductViews views, @Value("${shop.catalog.images.max-size:5MB}") DataSize maxSize,
            @Value("${shop.catalog.images.max-pixels:40000000}") long maxPixels) {
        this.products = products;
        this.rows = rows;
        this.storage = storage;
        this.caches = caches;
        this.views = views;
        this.maxBytes = maxSize.toBytes();
        this.maxPixels = maxPixels;
    }

    /** The bytes and what they are, for the public URL. */
    public record Stored(byte[] bytes, String contentType, String sha256) {
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Adds an image after the product's others. Refused before anything is stored: no bytes (400), too many
     * (413), not a JPEG, PNG or WebP by content (415), truncated or declaring more than
     * {@code shop.catalog.images.max-pixels} (400).
     */
    @Transactional
    public ProductView.ImageView upload(ProductId productId, byte[] bytes, String alt) {
        if (bytes.length == 0) {
            throw new InvalidField("file", "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new ImageTooLarge(maxBytes);
        }
        if (alt != null && alt.length() > 300) {
            throw new InvalidField("alt", "alt text may have at most 300 characters");
        }
        ImageProbe.Probed probed = ImageProbe.probe(bytes, maxPixels);
        Product product = products.findById(productId.value())
                .orElseThrow(() -> new ProductNotFound(productId.value()));
        ProductImage image = product.addImage(UUID.randomUUID(), alt == null || alt.isBlank() ? null : alt.strip(),
                probed, bytes.length, sha256(bytes), clock.instant());
        products.saveAndFlush(product);
        String key = image.getStorageKey();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    try {
                        storage.delete(key); // the row is gone with the rollback: so go its bytes
                    } catch (RuntimeException e) {
                        log.warn("Image {} was rolled back but its bytes could not be removed: {}", key, e.getMessage());
                    }
                }
            }
        });
        storage.put(key, bytes);
        caches.evictAfterCommit();
        return views.toImageView(image);
    }

    /** Removes the image from the product; its bytes go once that has committed. */
    @Transactional
    public void delete(ProductId productId, ImageId imageId) {
        Product product = products.findById(productId.value())
                .orElseThrow(() -> new ProductNotFound(productId.value()));
        ProductImage image = product.removeImage(imageId.value()).orElseThrow(() -> new ImageNotFound(imageId.toString()));
        products.saveAndFlush(product);
        String key = image.getStorageKey();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    storage.delete(key);
                } catch (RuntimeException e) {
                    log.warn("Image {} was deleted but its bytes could not be removed: {}", key, e.getMessage());
                }
            }
        });
        caches.evictAfterCommit();
    }

    /** An image by its storage key (the last part of its URL). */
    @Transactional(readOnly = true)
    public Optional<Stored> find(String key) {
        return rows.findByStorageKey(key).flatMap(image -> storage.get(image.getStorageKey())
                .map(bytes -> new Stored(bytes, image.getContentType(), image.getSha256())));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
