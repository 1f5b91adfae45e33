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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.catalog.internal.CatalogAdminService;
import com.example.shop.catalog.internal.CategoryId;
import com.example.shop.catalog.internal.CategoryView;
import com.example.shop.catalog.web.CatalogDtos.CategoryRequest;
import com.example.shop.catalog.web.CatalogDtos.CategoryResponse;

/** Category administration; the route needs the ADMIN role (see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/categories")
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@ApiResponse(responseCode = "403", description = "Not an admin")
class AdminCategoryController {

    private final CatalogAdminService admin;
    private final CatalogWebMapper mapper;

    AdminCategoryController(CatalogAdminService admin, CatalogWebMapper mapper) {
        this.admin = admin;
        this.mapper = mapper;
    }

    @PostMapping
    @Operation(summary = "Create a category, optionally under a parent")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields or unknown parent")
    @ApiResponse(responseCode = "409", description = "Slug already in use, or the parent deleted meanwhile")
    ResponseEntity<CategoryResponse> create(@Valid @RequestBody CategoryRequest request) {
        CategoryView view = admin.createCategory(request.slug(), request.name(), request.parentSlug());
        return ResponseEntity.created(URI.create("/api/admin/categories/" + view.id())).body(mapper.toResponse(view));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Rename or move a category")
    @ApiResponse(responseCode = "200", description = "Updated")
    @ApiResponse(responseCode = "400", description = "Invalid fields or unknown parent")
    @ApiResponse(responseCode = "404", description = "Unknown category")
    @ApiResponse(responseCode = "409", description = "Slug in use, the move would make a cycle, or the parent deleted meanwhile")
    CategoryResponse update(@PathVariable UUID id, @Valid @RequestBody CategoryRequest request) {
        return mapper.toResponse(
                admin.updateCategory(new CategoryId(id), request.slug(), request.name(), request.parentSlug()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an empty category")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown category")
    @ApiResponse(responseCode = "409", description = "It still has child categories or products, checked first and decided by the foreign keys for one saved meanwhile")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        admin.deleteCategory(new CategoryId(id));
        return ResponseEntity.noContent().build();
    }
}
