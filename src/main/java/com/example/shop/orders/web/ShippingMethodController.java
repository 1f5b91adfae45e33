package com.example.shop.orders.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.cart.CartId;
import com.example.shop.customers.CurrentCustomer;
import com.example.shop.orders.internal.CheckoutService;

/**
 * The shipping methods a storefront offers at checkout: pricing's methods for the country, priced for the cart (a
 * method may be free from a subtotal on). Here in orders because it reads the cart, which pricing does not know.
 */
@Tag(name = "Checkout")
@RestController
class ShippingMethodController {

    private final CheckoutService checkout;
    private final CurrentCustomer caller;
    private final OrderWebMapper mapper;

    ShippingMethodController(CheckoutService checkout, CurrentCustomer caller, OrderWebMapper mapper) {
        this.checkout = checkout;
        this.caller = caller;
        this.mapper = mapper;
    }

    @Operation(summary = "The shipping methods that ship to a country, priced for a cart",
            description = "Active methods shipping to `country`, cheapest first, each priced for the cart's subtotal "
                    + "(zero from `freeAbove` on); without `cartId`, at their flat price. An empty list means no "
                    + "method ships there: checkout then takes no `shippingMethod` and charges no shipping. The cart "
                    + "is read as its owner may read it: a customer's cart needs its owner's token.")
    @ApiResponse(responseCode = "200", description = "The methods (possibly none)")
    @ApiResponse(responseCode = "400", description = "A missing or unknown country code, or a malformed cart id")
    @ApiResponse(responseCode = "404", description = "Unknown cart, or one the caller may not use")
    @GetMapping("/api/shipping-methods")
    List<OrderResponses.ShippingMethod> methods(
            @Parameter(description = "ISO 3166-1 alpha-2 code of the country goods ship to", example = "DE")
            @RequestParam String country,
            @Parameter(description = "The cart to price the methods for") @RequestParam Optional<UUID> cartId) {
        return checkout.shippingOptions(country, cartId.map(CartId::new), caller.id()).stream()
                .map(mapper::toShippingMethod).toList();
    }
}
