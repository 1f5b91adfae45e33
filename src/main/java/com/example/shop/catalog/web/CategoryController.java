package com.example.shop.catalog.web;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.catalog.internal.CatalogQueryService;
import com.example.shop.catalog.web.CatalogDtos.CategoryResponse;

@RestController
@RequestMapping("/api/categories")
@Tag(name = "Catalog")
class CategoryController {

    private final CatalogQueryService queries;
    private final CatalogWebMapper mapper;

    CategoryController(CatalogQueryService queries, CatalogWebMapper mapper) {
        this.queries = queries;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "All categories, each with its parent's slug (null at the top)")
    @ApiResponse(responseCode = "200", description = "The categories")
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match still names the ETag of this answer",
            content = @Content)
    ResponseEntity<List<CategoryResponse>> all() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
                .body(queries.categories().stream().map(mapper::toResponse).toList());
    }
}
