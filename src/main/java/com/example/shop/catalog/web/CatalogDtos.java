package com.example.shop.catalog.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.example.shop.catalog.Catalog;
import com.example.shop.catalog.internal.Slugs;
import com.example.shop.shared.Money;
import com.example.shop.shared.web.MultiLineText;
import com.example.shop.shared.web.PageResponse;

/** The catalog's JSON shapes, in and out. */
final class CatalogDtos {

    private CatalogDtos() {
    }

    static final String SKU_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
    static final String URL_PATTERN = "^(https?://\\S+|/api/images/\\S+)$";
    static final int MAX_STOCK = 1_000_000_000;

    /** Money as the API speaks it: {@code {"amount": 1999, "currency": "EUR"}}, amount in minor units. */
    record Price(long amount, String currency) {
        static Price from(Money money) {
            return new Price(money.amount(), money.currencyCode());
        }
    }

    /**
     * A price as sent by an admin: {@code {"amount": 1999, "currency": "EUR"}} (currency optional, it must be
     * the shop's), or just the amount in minor units, {@code 1999}; at most {@link Catalog#MAX_PRICE_AMOUNT}.
     */
    record PriceRequest(
            @NotNull @PositiveOrZero @Max(Catalog.MAX_PRICE_AMOUNT) Long amount,
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO-4217 code such as EUR") String currency) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        PriceRequest(@JsonProperty("amount") Long amount, @JsonProperty("currency") String currency) {
            this.amount = amount;
            this.currency = currency;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static PriceRequest ofAmount(long amount) {
            return new PriceRequest(amount, null);
        }
    }

    /** A product in the public listing. */
    record ProductResponse(UUID id, String slug, String name, String description, Price price,
            List<String> categorySlugs, int available, String imageUrl) {
    }

    /** One page of the public listing: the contract's page shape ({@code PageResponse}) of {@link ProductResponse}s. */
    record ProductPageResponse(List<ProductResponse> content, PageResponse.PageMetadata page) {
    }

    /**
     * One product on its own page: also {@code availableQuantity} (the same number as {@code available}, the
     * sum of its variants'), its options and variants.
     */
    record ProductDetailResponse(UUID id, String slug, String name, String description, Price price,
            List<String> categorySlugs, int available, int availableQuantity, String imageUrl,
            List<OptionResponse> options, List<VariantResponse> variants, List<ImageResponse> images) {
    }

    /** An image of a product; {@code url} is immutable (a new picture is a new image). */
    record ImageResponse(UUID id, String url, String alt, int position) {
    }

    record OptionResponse(String name, List<String> values) {
    }

    /** A variant on the product page; {@code optionValues} is empty for a product without options. */
    record VariantResponse(UUID id, String sku, Map<String, String> optionValues, Price price, int available,
            int availableQuantity) {
    }

    /** A variant as an admin sees it, with its stock. */
    record AdminVariantResponse(UUID id, String sku, Map<String, String> optionValues, Price price, StockResponse stock) {
    }

    record StockResponse(UUID productId, int onHand, int reserved, int available) {
    }

    /** What an admin sees: everything, including the version to send back with an update. */
    record AdminProductResponse(UUID id, String sku, String slug, String name, String description, Price price,
            List<String> categorySlugs, String imageUrl, boolean active, long version, StockResponse stock,
            Instant createdAt, Instant updatedAt, List<OptionResponse> options, List<AdminVariantResponse> variants,
            List<ImageResponse> images) {
    }

    /** An option of a product: {@code {"name": "Size", "values": ["S", "M", "L"]}}. */
    record OptionRequest(
            @NotBlank @Size(max = 50) String name,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 50) String> values) {
    }

    /**
     * A variant as an admin sends it: its SKU, one value of every option, its price (the product's when
     * absent) and units on hand ({@code stock}; on an update, absent leaves a kept variant's stock as it is).
     */
    record VariantRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = SKU_PATTERN, message = "letters, digits, '.', '_' and '-' only") String sku,
            @Size(max = 5) Map<String, String> optionValues,
            @Valid PriceRequest price,
            @PositiveOrZero @Max(MAX_STOCK) Integer stock) {
    }

    /** {@code parentSlug} is null (and present) for a top-level category. */
    record CategoryResponse(UUID id, String slug, String name,
            @JsonInclude(JsonInclude.Include.ALWAYS) String parentSlug) {
    }

    record CreateProductRequest(
            @Size(max = 64) @Pattern(regexp = SKU_PATTERN, message = "letters, digits, '.', '_' and '-' only") String sku,
            @NotBlank @Size(max = 120) @Pattern(regexp = Slugs.PATTERN, message = "lower-case words joined by '-'") String slug,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) @MultiLineText String description,
            @Valid PriceRequest price,
            @Size(max = 20) List<@NotBlank String> categorySlugs,
            @Size(max = 1000) @Pattern(regexp = URL_PATTERN, message = "must be an http(s) URL") String imageUrl,
            Boolean active,
            @PositiveOrZero @Max(MAX_STOCK) Integer stock,
            @Size(max = 5) List<@NotNull @Valid OptionRequest> options,
            @Size(max = 100) List<@NotNull @Valid VariantRequest> variants) {
    }

    record UpdateProductRequest(
            @Size(max = 64) @Pattern(regexp = SKU_PATTERN, message = "letters, digits, '.', '_' and '-' only") String sku,
            @NotBlank @Size(max = 120) @Pattern(regexp = Slugs.PATTERN, message = "lower-case words joined by '-'") String slug,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 4000) @MultiLineText String description,
            @Valid PriceRequest price,
            @Size(max = 20) List<@NotBlank String> categorySlugs,
            @Size(max = 1000) @Pattern(regexp = URL_PATTERN, message = "must be an http(s) URL") String imageUrl,
            Boolean active,
            @NotNull Long version,
            @Size(max = 5) List<@NotNull @Valid OptionRequest> options,
            @Size(max = 100) List<@NotNull @Valid VariantRequest> variants) {
    }

    record StockRequest(@NotNull @PositiveOrZero @Max(MAX_STOCK) Integer onHand) {
    }

    record CategoryRequest(
            @NotBlank @Size(max = 120) @Pattern(regexp = Slugs.PATTERN, message = "lower-case words joined by '-'") String slug,
            @NotBlank @Size(max = 200) String name,
            @Size(min = 1, max = 120, message = "must name a category, or be null for a top-level one") String parentSlug) {
    }
}
