package com.example.shop.catalog.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A picture of a product: what its bytes are (checked at upload), where they are stored, and where it stands
 * among the product's pictures. The bytes never change: a new picture is a new image with a new URL.
 */
@Entity
@Table(name = "catalog_product_image")
class ProductImage {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "product_id")
    private Product product;

    @Column(nullable = false)
    private int position;

    @Column(length = 300)
    private String alt;

    @Column(name = "content_type", nullable = false, length = 40)
    private String contentType;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(nullable = false)
    private long bytes;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "storage_key", nullable = false, length = 200)
    private String storageKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ProductImage() {
    }

    ProductImage(UUID id, Product product, int position, String alt, ImageProbe.Probed probed, long bytes,
            String sha256, Instant now) {
        this.id = id;
        this.product = product;
        this.position = position;
        this.alt = alt;
        this.contentType = probed.contentType();
        this.width = probed.width();
        this.height = probed.height();
        this.bytes = bytes;
        this.sha256 = sha256;
        this.storageKey = id + "." + probed.extension();
        this.createdAt = now;
    }

    public UUID getId() {
        return id;
    }

    public int getPosition() {
        return position;
    }

    void moveTo(int position) {
        this.position = position;
    }

    public String getAlt() {
        return alt;
    }

    public String getContentType() {
        return contentType;
    }

    public int getWidth() {
        return width;
    }

    public int getHeight() {
        return height;
    }

    public long getBytes() {
        return bytes;
    }

    public String getSha256() {
        return sha256;
    }

    public String getStorageKey() {
        return storageKey;
    }

    /** The image's public URL: immutable, since the bytes behind an id never change. */
    public String getUrl() {
        return "/api/images/" + storageKey;
    }
}
