package com.example.shop.customers.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.shared.web.PageResponse;

import com.example.shop.customers.CustomerId;
import com.example.shop.customers.internal.AccountService;

@Tag(name = "Admin: customers", description = "Customer accounts, for administrators")
@SecurityRequirement(name = "bearerAuth")
@RestController
@RequestMapping("/api/admin/customers")
class AdminCustomerController {

    /** Sortable fields as the API names them, and the entity properties behind them. */
    private static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "email", "email", "name", "name");
    private static final int MAX_SIZE = 100;

    private final AccountService accounts;
    private final CustomerWebMapper mapper;

    AdminCustomerController(AccountService accounts, CustomerWebMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
    }

    record CustomerResponse(UUID id, String email, String name, List<String> roles, Instant createdAt) {
    }

    @Operation(summary = "All customer accounts, paged", description = "sort: createdAt (default, newest first), email or name; size is capped at 100")
    @ApiResponse(responseCode = "200", description = "A page of customers")
    @ApiResponse(responseCode = "400", description = "Invalid paging or sort parameter")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    @GetMapping
    PageResponse<CustomerResponse> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) int size,
            @RequestParam(defaultValue = "createdAt,desc")
            @Pattern(regexp = "(createdAt|email|name)(,(asc|desc))?", message = "must be createdAt, email or name, optionally with ,asc or ,desc")
            String sort) {
        String[] parts = sort.split(",");
        Sort.Direction direction = parts.length > 1 && parts[1].equals("asc") ? Sort.Direction.ASC : Sort.Direction.DESC;
        if (parts.length == 1 && !parts[0].equals("createdAt")) {
            direction = Sort.Direction.ASC;
        }
        Sort order = Sort.by(direction, SORTABLE.get(parts[0])).and(Sort.by(Sort.Direction.ASC, "id"));
        Page<AccountService.Account> result = accounts.list(PageRequest.of(page, Math.min(size, MAX_SIZE), order));
        return PageResponse.of(result, mapper::toCustomer);
    }

    @Operation(summary = "One customer account")
    @ApiResponse(responseCode = "200", description = "The customer")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "403", description = "Not an administrator")
    @ApiResponse(responseCode = "404", description = "No such customer")
    @GetMapping("/{id}")
    CustomerResponse get(@PathVariable UUID id) {
        return mapper.toCustomer(accounts.profile(new CustomerId(id)));
    }
}
