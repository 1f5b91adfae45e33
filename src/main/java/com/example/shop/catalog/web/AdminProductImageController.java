package com.example.shop.catalog.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.internal.CatalogImageService;
import com.example.shop.catalog.internal.ImageId;
import com.example.shop.catalog.internal.InvalidField;
import com.example.shop.catalog.internal.ProductView;

/** Product images for admins: upload (multipart) and delete. The route needs the ADMIN role. */
@RestController
@RequestMapping("/api/admin/products/{id}/images")
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@ApiResponse(responseCode = "403", description = "Not an admin")
class AdminProductImageController {

    private final CatalogImageService images;

    AdminProductImageController(CatalogImageService images) {
        this.images = images;
    }

    /**
     * An uploaded image as the admin sees it; named apart from the product page's image (same simple name), which
     * the description would otherwise show in its place.
     */
    @Schema(name = "UploadedImage")
    record ImageResponse(UUID id, String url, String alt, int position, String contentType, int width, int height,
            long bytes) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a product image (after the others)",
            description = "The type is read from the file's bytes, whatever its name or declared type: JPEG, PNG or "
                    + "WebP. Width and height come from its header; a truncated file or one declaring more pixels "
                    + "than shop.catalog.images.max-pixels is refused before any decoding.")
    @ApiResponse(responseCode = "201", description = "Stored; its url is immutable")
    @ApiResponse(responseCode = "400", description = "No file, an empty or truncated file, a decompression bomb, or alt text over 300 characters")
    @ApiResponse(responseCode = "404", description = "Unknown product")
    @ApiResponse(responseCode = "413", description = "Larger than the limit (shop.catalog.images.max-size, default 5 MB)")
    @ApiResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP by its content")
    @ApiResponse(responseCode = "500", description = "The image could not be stored; nothing of it is kept (the problem "
            + "carries the correlation id)")
    ResponseEntity<ImageResponse> upload(@PathVariable UUID id,
            @Parameter(description = "The image file") @RequestPart(name = "file", required = false) MultipartFile file,
            @Parameter(description = "Alternative text") @RequestParam(name = "alt", required = false) String alt) {
        if (file == null) {
            throw new InvalidField("file", "send the image as the multipart part 'file'");
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProductView.ImageView image = images.upload(new ProductId(id), bytes, alt);
        return ResponseEntity.created(URI.create(image.url())).body(new ImageResponse(image.id(), image.url(),
                image.alt(), image.position(), image.contentType(), image.width(), image.height(), image.bytes()));
    }

    @DeleteMapping("/{imageId}")
    @Operation(summary = "Delete a product image (and its bytes)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown product or image")
    ResponseEntity<Void> delete(@PathVariable UUID id, @PathVariable UUID imageId) {
        images.delete(new ProductId(id), new ImageId(imageId));
        return ResponseEntity.noContent().build();
    }
}
