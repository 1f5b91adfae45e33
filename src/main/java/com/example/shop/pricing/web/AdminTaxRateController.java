package com.example.shop.pricing.web;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.pricing.CountryCode;
import com.example.shop.pricing.internal.InvalidPricingField;
import com.example.shop.pricing.internal.PricingAdminService;
import com.example.shop.pricing.web.PricingDtos.TaxRateRequest;
import com.example.shop.pricing.web.PricingDtos.TaxRateResponse;

/** Tax rates per country; the route needs the ADMIN role (see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/tax-rates")
@Tag(name = "Pricing administration")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@ApiResponse(responseCode = "403", description = "Not an admin")
class AdminTaxRateController {

    private final PricingAdminService admin;
    private final PricingWebMapper mapper;

    AdminTaxRateController(PricingAdminService admin, PricingWebMapper mapper) {
        this.admin = admin;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "Every country's tax rate, by country")
    @ApiResponse(responseCode = "200", description = "The tax rates (at most one per country)")
    List<TaxRateResponse> all() {
        return admin.taxRates().stream().map(mapper::toResponse).toList();
    }

    @GetMapping("/{country}")
    @Operation(summary = "One country's tax rate")
    @ApiResponse(responseCode = "200", description = "The rate")
    @ApiResponse(responseCode = "400", description = "Not an ISO 3166-1 alpha-2 country code")
    @ApiResponse(responseCode = "404", description = "The country has no rate")
    TaxRateResponse one(@PathVariable String country) {
        return mapper.toResponse(admin.taxRate(CountryCode.parse(country, "country")));
    }

    @PutMapping("/{country}")
    @Operation(summary = "Set a country's tax rate",
            description = "Tax is charged on the discounted lines plus shipping, rounded half-up per line, in minor "
                    + "units; where `shop.tax.prices-include-tax` is true it is the part of the prices that is tax, "
                    + "shown and not added. Orders placed before keep the rate they were charged.")
    @ApiResponse(responseCode = "200", description = "The rate replaced the country's former rate")
    @ApiResponse(responseCode = "201", description = "The country had no rate before")
    @ApiResponse(responseCode = "400", description = "An unknown country, a rate below 0 or above 100, or a body naming another country")
    @ApiResponse(responseCode = "409", description = "Another admin set the same country's first rate at the same moment")
    ResponseEntity<TaxRateResponse> set(@PathVariable String country, @Valid @RequestBody TaxRateRequest request) {
        CountryCode code = CountryCode.parse(country, "country");
        if (request.country() != null && !request.country().equals(country)) {
            throw new InvalidPricingField("country", "the body names " + request.country() + " but the path " + country);
        }
        PricingAdminService.TaxRateSet set = admin.setTaxRate(code, new BigDecimal(request.rate()));
        return ResponseEntity.status(set.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(mapper.toResponse(set.rate()));
    }

    @DeleteMapping("/{country}")
    @Operation(summary = "Remove a country's tax rate", description = "Orders to the country are then charged no tax.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "400", description = "Not an ISO 3166-1 alpha-2 country code")
    @ApiResponse(responseCode = "404", description = "The country has no rate")
    ResponseEntity<Void> delete(@PathVariable String country) {
        admin.deleteTaxRate(CountryCode.parse(country, "country"));
        return ResponseEntity.noContent().build();
    }
}
