package com.example.shop.pricing.web;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.pricing.internal.InvalidPricingField;
import com.example.shop.pricing.internal.PricingAdminService;
import com.example.shop.pricing.web.PricingDtos.DiscountCodeRequest;
import com.example.shop.pricing.web.PricingDtos.DiscountCodeResponse;
import com.example.shop.shared.web.PageResponse;

/** Discount code administration; the route needs the ADMIN role (see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/discount-codes")
@Tag(name = "Pricing administration")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@ApiResponse(responseCode = "403", description = "Not an admin")
class AdminDiscountCodeController {

    private final PricingAdminService admin;
    private final PricingWebMapper mapper;

    AdminDiscountCodeController(PricingAdminService admin, PricingWebMapper mapper) {
        this.admin = admin;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "Discount codes by code, one page at a time")
    @ApiResponse(responseCode = "200", description = "One page of codes")
    @ApiResponse(responseCode = "400", description = "Invalid page or size")
    PageResponse<DiscountCodeResponse> all(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(admin.discountCodes(PageRequest.of(page, size)), mapper::toResponse);
    }

    @GetMapping("/{code}")
    @Operation(summary = "One discount code (any spelling of its letters), with how often it is in use")
    @ApiResponse(responseCode = "200", description = "The code")
    @ApiResponse(responseCode = "404", description = "Unknown code")
    DiscountCodeResponse one(@PathVariable String code) {
        return mapper.toResponse(admin.discountCode(code));
    }

    @PostMapping
    @Operation(summary = "Create a discount code",
            description = "Codes are case-insensitive (stored in upper case). `timesUsed` counts the uses held by "
                    + "orders: a cancelled or timed-out order gives its use back.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields: a percentage above 100, a window that ends before it starts, ...")
    @ApiResponse(responseCode = "409", description = "Another code has the same letters (in any case)")
    ResponseEntity<DiscountCodeResponse> create(@Valid @RequestBody DiscountCodeRequest request) {
        if (request.code() == null) {
            throw new InvalidPricingField("code", "code is required");
        }
        DiscountCodeResponse created = mapper.toResponse(admin.createDiscountCode(mapper.toCommand(request.code(), request)));
        return ResponseEntity.created(URI.create("/api/admin/discount-codes/" + created.code())).body(created);
    }

    @PutMapping("/{code}")
    @Operation(summary = "Change a discount code (everything but its code and its uses)",
            description = "Applies to orders placed afterwards; placed orders keep their discount.")
    @ApiResponse(responseCode = "200", description = "Updated")
    @ApiResponse(responseCode = "400", description = "Invalid fields, or a body naming another code")
    @ApiResponse(responseCode = "404", description = "Unknown code")
    DiscountCodeResponse update(@PathVariable String code, @Valid @RequestBody DiscountCodeRequest request) {
        if (request.code() != null && !request.code().equalsIgnoreCase(code)) {
            throw new InvalidPricingField("code", "a code cannot be renamed; create a new code instead");
        }
        return mapper.toResponse(admin.updateDiscountCode(code, mapper.toCommand(code, request)));
    }

    @DeleteMapping("/{code}")
    @Operation(summary = "Delete a discount code", description = "Placed orders keep their discount.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown code")
    ResponseEntity<Void> delete(@PathVariable String code) {
        admin.deleteDiscountCode(code);
        return ResponseEntity.noContent().build();
    }
}
