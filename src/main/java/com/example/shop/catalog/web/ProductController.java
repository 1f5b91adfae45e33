package com.example.shop.catalog.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.shared.web.PageResponse;

import com.example.shop.catalog.internal.ProductNotFound;
import com.example.shop.catalog.internal.ListingQuery;
import com.example.shop.catalog.internal.ProductPage;
import com.example.shop.catalog.internal.CatalogQueryService;
import com.example.shop.catalog.internal.ProductView;
import com.example.shop.catalog.web.CatalogDtos.ProductDetailResponse;
import com.example.shop.catalog.web.CatalogDtos.ProductPageResponse;

/**
 * The storefront's product reads. Product data comes from a cache; availability is live or at most
 * {@code shop.catalog.availability-ttl} (1 s) old.
 * Responses may be reused by browsers and CDNs for a few seconds and carry an ETag, so a client that polls gets
 * 304s while nothing changed. Both are written once per state of what they show and sent as bytes
 * ({@link RenderedAnswers}).
 */
@RestController
@RequestMapping("/api/products")
@Tag(name = "Catalog", description = "Products and categories for the storefront")
class ProductController {

    static final String PUBLIC_SHORT = CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic().getHeaderValue();

    private final CatalogQueryService queries;
    private final CatalogWebMapper mapper;
    private final RenderedAnswers answers;

    ProductController(CatalogQueryService queries, CatalogWebMapper mapper, RenderedAnswers answers) {
        this.queries = queries;
        this.mapper = mapper;
        this.answers = answers;
    }

    @GetMapping
    @Operation(summary = "List active products", description = "Text search over name and description, a category "
            + "(children included), a price range in minor units, sorting by name, price, createdAt or relevance, "
            + "and paging (size at most 100). A search of only words under 3 letters or stop words (e.g. 'tv') "
            + "matches names starting with it and is sorted by name; relevance then means name order.")
    @ApiResponse(responseCode = "200", description = "One page of products",
            content = @Content(schema = @Schema(implementation = ProductPageResponse.class)))
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match still names the ETag of this answer",
            content = @Content)
    @ApiResponse(responseCode = "400", description = "Invalid paging, sorting or price parameters")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Search text", schema = @Schema(type = "string"))
    @Parameter(name = "category", in = ParameterIn.QUERY, description = "Category slug; includes its child categories",
            schema = @Schema(type = "string"))
    @Parameter(name = "minPrice", in = ParameterIn.QUERY, description = "Lowest price in minor units",
            schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "maxPrice", in = ParameterIn.QUERY, description = "Highest price in minor units",
            schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "0-based page",
            schema = @Schema(type = "integer", format = "int32"))
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Page size, default 20, capped at 100",
            schema = @Schema(type = "integer", format = "int32"))
    @Parameter(name = "sort", in = ParameterIn.QUERY,
            description = "name|price|createdAt|relevance (relevance only with q), optionally ',asc' or ',desc'",
            schema = @Schema(type = "string"))
    void list(@Parameter(hidden = true) ListingQuery query, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ProductPage result = queries.listing(query);
        Map<UUID, Integer> available = queries.available(result.content());
        answers.write(request, response, result, available, PUBLIC_SHORT, () -> new ProductPageResponse(result.content().stream()
                .map(view -> mapper.toResponse(view, CatalogWebMapper.availableOf(view, available)))
                .toList(),
                new PageResponse.PageMetadata(result.number(), result.size(), result.totalElements(), result.totalPages())));
    }

    @GetMapping("/{idOrSlug}")
    @Operation(summary = "One active product by id or slug, with its options, its variants and their available quantities")
    @ApiResponse(responseCode = "200", description = "The product",
            content = @Content(schema = @Schema(implementation = ProductDetailResponse.class)))
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match still names the ETag of this answer",
            content = @Content)
    @ApiResponse(responseCode = "404", description = "Unknown or inactive product")
    void one(@PathVariable String idOrSlug, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ProductView view = queries.findPublic(idOrSlug).orElseThrow(() -> new ProductNotFound(idOrSlug));
        Map<UUID, Integer> available = queries.available(List.of(view));
        answers.write(request, response, view, available, PUBLIC_SHORT, () -> mapper.toDetail(view, available));
    }
}
