package com.example.shop.catalog.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.catalog.internal.CatalogQueryService;
import com.example.shop.catalog.internal.CategoryView;
import com.example.shop.catalog.web.CatalogDtos.CategoryResponse;

@RestController
@RequestMapping("/api/categories")
@Tag(name = "Catalog")
class CategoryController {

    private static final String PUBLIC_LONGER = CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic().getHeaderValue();

    private final CatalogQueryService queries;
    private final CatalogWebMapper mapper;
    private final RenderedAnswers answers;

    CategoryController(CatalogQueryService queries, CatalogWebMapper mapper, RenderedAnswers answers) {
        this.queries = queries;
        this.mapper = mapper;
        this.answers = answers;
    }

    @GetMapping
    @Operation(summary = "All categories, each with its parent's slug (null at the top)")
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match still names the ETag of this answer",
            content = @Content)
    @ApiResponse(responseCode = "200", description = "The categories",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = CategoryResponse.class))))
    void all(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the tree is cached whole: its bytes and ETag are made once per state of the tree (RenderedAnswers)
        List<CategoryView> tree = queries.categories();
        answers.write(request, response, tree, Map.of(), PUBLIC_LONGER,
                () -> tree.stream().map(mapper::toResponse).toList());
    }
}
