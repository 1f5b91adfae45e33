package com.example.shop.pricing.web;

import java.net.URI;
import java.util.List;

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

import com.example.shop.pricing.internal.InvalidPricingField;
import com.example.shop.pricing.internal.PricingAdminService;
import com.example.shop.pricing.web.PricingDtos.ShippingMethodRequest;
import com.example.shop.pricing.web.PricingDtos.ShippingMethodResponse;

/** Shipping method administration; the route needs the ADMIN role (see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/shipping-methods")
@Tag(name = "Pricing administration")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@ApiResponse(responseCode = "403", description = "Not an admin")
class AdminShippingMethodController {

    private final PricingAdminService admin;
    private final PricingWebMapper mapper;

    AdminShippingMethodController(PricingAdminService admin, PricingWebMapper mapper) {
        this.admin = admin;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "Every shipping method, active or not, by code")
    @ApiResponse(responseCode = "200", description = "The shipping methods")
    List<ShippingMethodResponse> all() {
        return admin.shippingMethods().stream().map(mapper::toResponse).toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One shipping method")
    @ApiResponse(responseCode = "200", description = "The shipping method")
    @ApiResponse(responseCode = "404", description = "Unknown shipping method")
    ShippingMethodResponse one(@PathVariable String code) {
        return mapper.toResponse(admin.shippingMethod(code));
    }

    @PostMapping
    @Operation(summary = "Create a shipping method",
            description = "Once an active method ships to a country, checkouts to that country must choose one of "
                    + "the methods that ship there (`shippingMethod`).")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields: an unknown country, a negative or too large price, ...")
    @ApiResponse(responseCode = "409", description = "Another method has the code")
    ResponseEntity<ShippingMethodResponse> create(@Valid @RequestBody ShippingMethodRequest request) {
        if (request.code() == null) {
            throw new InvalidPricingField("code", "code is required");
        }
        ShippingMethodResponse created = mapper.toResponse(admin.createShippingMethod(mapper.toCommand(request.code(), request)));
        return ResponseEntity.created(URI.create("/api/admin/shipping-methods/" + created.code())).body(created);
    }

    @PutMapping("/{code}")
    @Operation(summary = "Change a shipping method (everything but its code)")
    @ApiResponse(responseCode = "200", description = "Updated")
    @ApiResponse(responseCode = "400", description = "Invalid fields, or a body naming another code")
    @ApiResponse(responseCode = "404", description = "Unknown shipping method")
    ShippingMethodResponse update(@PathVariable String code, @Valid @RequestBody ShippingMethodRequest request) {
        if (request.code() != null && !request.code().equals(code)) {
            throw new InvalidPricingField("code", "a method's code cannot change; create a new method instead");
        }
        return mapper.toResponse(admin.updateShippingMethod(code, mapper.toCommand(code, request)));
    }

    @DeleteMapping("/{code}")
    @Operation(summary = "Delete a shipping method", description = "Placed orders keep the method's code, name and price.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown shipping method")
    ResponseEntity<Void> delete(@PathVariable String code) {
        admin.deleteShippingMethod(code);
        return ResponseEntity.noContent().build();
    }
}
