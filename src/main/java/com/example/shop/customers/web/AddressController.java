package com.example.shop.customers.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.customers.CurrentCustomer;
import com.example.shop.customers.internal.AddressBookService;
import com.example.shop.customers.internal.AddressId;

@Tag(name = "Customers", description = "The caller's profile and address book")
@SecurityRequirement(name = "bearerAuth")
@RestController
@RequestMapping("/api/customers/me/addresses")
class AddressController {

    private final AddressBookService addressBook;
    private final CurrentCustomer currentCustomer;
    private final CustomerWebMapper mapper;

    AddressController(AddressBookService addressBook, CurrentCustomer currentCustomer, CustomerWebMapper mapper) {
        this.addressBook = addressBook;
        this.currentCustomer = currentCustomer;
        this.mapper = mapper;
    }

    record AddressRequest(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    record AddressResponse(UUID id, String name, String line1, String line2, String city, String postalCode,
            String country) {
    }

    @Operation(summary = "The caller's addresses (at most 20), oldest first")
    @ApiResponse(responseCode = "200", description = "Addresses")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @GetMapping
    List<AddressResponse> list() {
        return addressBook.list(currentCustomer.require()).stream().map(mapper::toAddress).toList();
    }

    @Operation(summary = "One of the caller's addresses")
    @ApiResponse(responseCode = "200", description = "Address")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "404", description = "No such address of the caller")
    @GetMapping("/{id}")
    AddressResponse get(@PathVariable UUID id) {
        return mapper.toAddress(addressBook.get(currentCustomer.require(), new AddressId(id)));
    }

    @Operation(summary = "Add an address")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "400", description = "Invalid address")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "404", description = "The account no longer exists")
    @ApiResponse(responseCode = "409", description = "The address book is full")
    @PostMapping
    ResponseEntity<AddressResponse> add(@Valid @RequestBody AddressRequest request) {
        AddressResponse created = mapper.toAddress(
                addressBook.add(currentCustomer.require(), mapper.toAddressData(request)));
        return ResponseEntity.created(URI.create("/api/customers/me/addresses/" + created.id())).body(created);
    }

    @Operation(summary = "Replace an address")
    @ApiResponse(responseCode = "200", description = "Updated")
    @ApiResponse(responseCode = "400", description = "Invalid address")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "404", description = "No such address of the caller")
    @PutMapping("/{id}")
    AddressResponse change(@PathVariable UUID id, @Valid @RequestBody AddressRequest request) {
        return mapper.toAddress(
                addressBook.change(currentCustomer.require(), new AddressId(id), mapper.toAddressData(request)));
    }

    @Operation(summary = "Delete an address")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "401", description = "No valid access token")
    @ApiResponse(responseCode = "404", description = "No such address of the caller")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        addressBook.remove(currentCustomer.require(), new AddressId(id));
    }
}
