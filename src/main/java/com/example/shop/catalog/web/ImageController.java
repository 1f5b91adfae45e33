package com.example.shop.catalog.web;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import com.example.shop.catalog.internal.CatalogImageService;
import com.example.shop.catalog.internal.ImageNotFound;

/**
 * Product image bytes. An image's URL names bytes that never change, so they may be cached for a year by
 * browsers and CDNs ({@code immutable}); the ETag is their SHA-256, so a revalidation is a 304.
 */
@RestController
@Tag(name = "Catalog", description = "Products and categories for the storefront")
class ImageController {

    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final CatalogImageService images;

    ImageController(CatalogImageService images) {
        this.images = images;
    }

    @GetMapping("/api/images/{key}")
    @Operation(summary = "A product image's bytes (the url of a product's image)")
    @ApiResponse(responseCode = "200", description = "The bytes, with their type, an ETag and a long Cache-Control")
    @ApiResponse(responseCode = "304", description = "Not modified (If-None-Match)", content = @Content)
    @ApiResponse(responseCode = "404", description = "Unknown image")
    ResponseEntity<byte[]> image(@PathVariable String key, WebRequest request) {
        CatalogImageService.Stored image = images.find(key).orElseThrow(() -> new ImageNotFound(key));
        String etag = "\"" + image.sha256() + "\"";
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(IMMUTABLE).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(IMMUTABLE)
                .contentType(MediaType.parseMediaType(image.contentType())).body(image.bytes());
    }
}
