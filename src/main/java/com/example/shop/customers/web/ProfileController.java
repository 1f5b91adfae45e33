package com.example.shop.customers.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.customers.CurrentCustomer;
import com.example.shop.customers.internal.AccountService;

@Tag(name = "Customers", description = "The caller's profile and address book")
@SecurityRequirement(name = "bearerAuth")
@RestController
@RequestMapping("/api/customers/me")
class ProfileController {

    private final AccountService accounts;
    private final CurrentCustomer currentCustomer;
    private final CustomerWebMapper mapper;

    ProfileController(AccountService accounts, CurrentCustomer currentCustomer, CustomerWebMapper mapper) {
        this.accounts = accounts;
        this.currentCustomer = currentCustomer;
        this.mapper = mapper;
    }

    record Profile(UUID id, String email, String name, List<String> roles) {
    }

    /** Only the name can be changed here; {@code id}, {@code email}, {@code roles} or {@code admin} are ignored. */
    record ProfileUpdate(@NotBlank @Size(max = 100) String name) {
    }

    @Operation(summary = "The caller's profile")
    @ApiResponse(responseCode = "200", description = "Profile")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "404", description = "The account no longer exists")
    @GetMapping
    Profile get() {
        return mapper.toProfile(accounts.profile(currentCustomer.require()));
    }

    @Operation(summary = "Change the caller's name")
    @ApiResponse(responseCode = "200", description = "Updated profile")
    @ApiResponse(responseCode = "400", description = "Invalid name")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "404", description = "The account no longer exists")
    @PutMapping
    Profile update(@Valid @RequestBody ProfileUpdate update) {
        return mapper.toProfile(accounts.rename(currentCustomer.require(), update.name()));
    }
}
