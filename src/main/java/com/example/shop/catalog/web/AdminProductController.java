package com.example.shop.catalog.web;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.catalog.internal.ProductView;
import com.example.shop.catalog.web.CatalogDtos.AdminProductResponse;
import com.example.shop.catalog.web.CatalogDtos.CreateProductRequest;
import com.example.shop.catalog.web.CatalogDtos.StockRequest;
import com.example.shop.catalog.web.CatalogDtos.StockResponse;
import com.example.shop.catalog.web.CatalogDtos.UpdateProductRequest;

/** Product administration; the route needs the ADMIN role (see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/products")
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@ApiResponse(responseCode = "403", description = "Not an admin")
class AdminProductController {

    private final CatalogAdminService admin;
    private final CatalogWebMapper mapper;

    AdminProductController(CatalogAdminService admin, CatalogWebMapper mapper) {
        this.admin = admin;
        this.mapper = mapper;
    }

    @PostMapping
    @Operation(summary = "Create a product with its initial on-hand stock",
            description = "'active' defaults to true. Without 'variants' the product has one variant made of 'sku', "
                    + "'price' and 'stock'; with 'options', 'variants' lists every option combination sold, each with "
                    + "its own SKU, price (the product's when absent) and stock.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields, unknown category, wrong currency, or a variant whose option combination is missing a value, repeated or not declared in 'options'")
    @ApiResponse(responseCode = "409", description = "SKU (of any variant) or slug already in use (duplicate-sku, duplicate-slug), or a category deleted meanwhile (concurrent-change)")
    ResponseEntity<AdminProductResponse> create(@Valid @RequestBody CreateProductRequest request) {
        ProductView view = admin.createProduct(mapper.toCommand(request), request.stock() == null ? 0 : request.stock());
        return ResponseEntity.created(URI.create("/api/admin/products/" + view.id()))
                .body(mapper.toAdmin(view, admin.variantStock(new ProductId(view.id()))));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A product as an admin sees it (inactive ones too), with its version and stock")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "404", description = "Unknown product")
    AdminProductResponse one(@PathVariable UUID id) {
        ProductId product = new ProductId(id);
        return mapper.toAdmin(admin.product(product), admin.variantStock(product));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a product's details; send the version you read",
            description = "Without 'active' the product stays on or off sale as it is; 'active': true puts a "
                    + "deactivated product back on sale. Variants are matched by SKU, else by option combination, "
                    + "and keep their id and stock; a variant's 'stock' sets its units on hand.")
    @ApiResponse(responseCode = "200", description = "Updated")
    @ApiResponse(responseCode = "400", description = "Invalid fields, unknown category, wrong currency, or a variant whose option combination is missing a value, repeated or not declared in 'options'")
    @ApiResponse(responseCode = "404", description = "Unknown product")
    @ApiResponse(responseCode = "409", description = "Stale version, SKU or slug already in use, a category deleted meanwhile (concurrent-change), a dropped variant with reserved units (variant-in-use), or a variant's stock below its reserved units")
    AdminProductResponse update(@PathVariable UUID id, @Valid @RequestBody UpdateProductRequest request) {
        ProductId product = new ProductId(id);
        ProductView view = admin.updateProduct(product, request.version(), mapper.toCommand(request));
        return mapper.toAdmin(view, admin.variantStock(product));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Deactivate a product (it leaves the storefront; carts and orders keep it)")
    @ApiResponse(responseCode = "204", description = "Deactivated")
    @ApiResponse(responseCode = "404", description = "Unknown product")
    ResponseEntity<Void> deactivate(@PathVariable UUID id) {
        admin.deactivateProduct(new ProductId(id));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/stock")
    @Operation(summary = "A product's stock: on hand, reserved, available (the sums of its variants')")
    @ApiResponse(responseCode = "200", description = "The stock")
    @ApiResponse(responseCode = "404", description = "Unknown product")
    StockResponse stock(@PathVariable UUID id) {
        return mapper.stock(id, admin.stockOf(new ProductId(id)));
    }

    @PutMapping("/{id}/stock")
    @Operation(summary = "Set the units on hand of a product with one variant",
            description = "Cannot go below the units reserved by open orders. A product with several variants sets "
                    + "each variant's at /api/admin/products/{id}/variants/{variantId}/stock (400 here).")
    @ApiResponse(responseCode = "200", description = "The new stock")
    @ApiResponse(responseCode = "400", description = "Invalid number, or a product with several variants")
    @ApiResponse(responseCode = "404", description = "Unknown product")
    @ApiResponse(responseCode = "409", description = "Below what is reserved")
    StockResponse setStock(@PathVariable UUID id, @Valid @RequestBody StockRequest request) {
        return mapper.stock(id, admin.setOnHand(new ProductId(id), request.onHand()));
    }

    @PutMapping("/{id}/variants/{variantId}/stock")
    @Operation(summary = "Set the units on hand of one variant", description = "Cannot go below the units reserved by open orders.")
    @ApiResponse(responseCode = "200", description = "The variant's new stock")
    @ApiResponse(responseCode = "400", description = "Invalid number")
    @ApiResponse(responseCode = "404", description = "Unknown product or variant")
    @ApiResponse(responseCode = "409", description = "Below what is reserved")
    StockResponse setVariantStock(@PathVariable UUID id, @PathVariable UUID variantId,
            @Valid @RequestBody StockRequest request) {
        return mapper.stock(id, admin.setOnHand(new ProductId(id), new VariantId(variantId), request.onHand()));
    }
}
