package com.example.shop.cart.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.cart.CartId;
import com.example.shop.cart.internal.CartItemId;
import com.example.shop.cart.internal.CartService;
import com.example.shop.cart.internal.MissingItem;
import com.example.shop.catalog.ProductId;
import com.example.shop.catalog.VariantId;
import com.example.shop.customers.CurrentCustomer;
import com.example.shop.shared.Money;

@Tag(name = "Cart", description = "Anonymous and customer carts, priced live from the catalog")
@RestController
@RequestMapping("/api/carts")
class CartController {

    private final CartService carts;
    private final CurrentCustomer caller;
    private final CartWebMapper mapper;

    CartController(CartService carts, CurrentCustomer caller, CartWebMapper mapper) {
        this.carts = carts;
        this.caller = caller;
        this.mapper = mapper;
    }

    record CartResponse(UUID id, boolean owned, List<Item> items, int itemCount, Money subtotal, boolean checkoutReady) {

        record Item(UUID id, UUID productId, UUID variantId, String sku, Map<String, String> optionValues, String name,
                Money unitPrice, int quantity, Money lineTotal, boolean available) {
        }
    }

    /** {@code variantId}, or {@code productId} alone for a product with one variant. */
    record AddItemRequest(
            @Schema(description = "The product; enough alone for a product with one variant") UUID productId,
            @Schema(description = "The variant (required for a product with several)") UUID variantId,
            @Schema(example = "2") @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    record ChangeItemRequest(@NotNull @Min(0) @Max(99) Integer quantity) {
    }

    record MergeRequest(@NotNull UUID cartId) {
    }

    record MergeResponse(CartResponse cart, List<CartService.Adjustment> adjustments) {
    }

    @Operation(summary = "Create a cart", description = "Anonymous without a token (its id is the capability to use it); "
            + "with a token, the customer's one cart (200 when it already exists).")
    @ApiResponse(responseCode = "201", description = "Cart created")
    @ApiResponse(responseCode = "200", description = "The customer's existing cart")
    @ApiResponse(responseCode = "401", description = "An access token that is not valid (anonymous carts need none)")
    @PostMapping
    ResponseEntity<CartResponse> create() {
        CartService.Created created = carts.create(caller.id());
        CartResponse body = mapper.toResponse(created.cart());
        return created.created()
                ? ResponseEntity.created(URI.create("/api/carts/" + body.id())).body(body)
                : ResponseEntity.ok(body);
    }

    @Operation(summary = "The caller's own cart, created empty if none")
    @SecurityRequirement(name = "bearerAuth")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "200", description = "The cart")
    @GetMapping("/mine")
    CartResponse mine() {
        return mapper.toResponse(carts.mine(caller.require()));
    }

    @Operation(summary = "Merge an anonymous cart into the caller's cart",
            description = "Quantities add up, capped by availability and 99 per line; lines beyond 100 per cart "
                    + "are left out; every line not merged in full is listed in adjustments. The anonymous cart is deleted.")
    @SecurityRequirement(name = "bearerAuth")
    @ApiResponse(responseCode = "404", description = "No such anonymous cart")
    @ApiResponse(responseCode = "200", description = "The merged cart and every line that was capped")
    @ApiResponse(responseCode = "400", description = "No cartId")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @PostMapping("/mine/merge")
    MergeResponse merge(@Valid @RequestBody MergeRequest request) {
        CartService.Merged merged = carts.merge(caller.require(), new CartId(request.cartId()));
        return mapper.toResponse(merged);
    }

    @Operation(summary = "Read a cart", description = "Prices are the catalog's current ones.")
    @ApiResponse(responseCode = "404", description = "Unknown cart, or another customer's")
    @ApiResponse(responseCode = "200", description = "The cart, priced now")
    @GetMapping("/{id}")
    CartResponse get(@PathVariable UUID id) {
        return mapper.toResponse(carts.get(new CartId(id), caller.id()));
    }

    @Operation(summary = "Add a product variant", description = "Send 'variantId', or 'productId' alone for a product "
            + "with one variant. Adding a variant already in the cart adds to its quantity.")
    @ApiResponse(responseCode = "201", description = "New line")
    @ApiResponse(responseCode = "200", description = "Quantity added to an existing line")
    @ApiResponse(responseCode = "400", description = "Quantity outside 1..99, neither productId nor variantId, or a productId alone for a product with several variants")
    @ApiResponse(responseCode = "404", description = "Unknown cart or product")
    @ApiResponse(responseCode = "409", description = "More than available (insufficient-stock), or a new product for a cart that already has 100 lines (cart-full)")
    @PostMapping("/{id}/items")
    ResponseEntity<CartResponse> addItem(@PathVariable UUID id, @Valid @RequestBody AddItemRequest request) {
        if (request.productId() == null && request.variantId() == null) {
            throw new MissingItem();
        }
        CartService.Added added = carts.addItem(new CartId(id), caller.id(),
                Optional.ofNullable(request.productId()).map(ProductId::new),
                Optional.ofNullable(request.variantId()).map(VariantId::new), request.quantity());
        return ResponseEntity.status(added.newLine() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(mapper.toResponse(added.cart()));
    }

    @Operation(summary = "Change a line's quantity (0 removes it)")
    @ApiResponse(responseCode = "409", description = "More than available")
    @ApiResponse(responseCode = "200", description = "The cart")
    @ApiResponse(responseCode = "400", description = "Quantity outside 0..99")
    @ApiResponse(responseCode = "404", description = "Unknown cart or line")
    @PatchMapping("/{id}/items/{itemId}")
    CartResponse changeItem(@PathVariable UUID id, @PathVariable UUID itemId, @Valid @RequestBody ChangeItemRequest request) {
        return mapper.toResponse(
                carts.changeItem(new CartId(id), caller.id(), new CartItemId(itemId), request.quantity()));
    }

    @Operation(summary = "Remove a line")
    @ApiResponse(responseCode = "200", description = "The cart")
    @ApiResponse(responseCode = "404", description = "Unknown cart or line")
    @DeleteMapping("/{id}/items/{itemId}")
    CartResponse removeItem(@PathVariable UUID id, @PathVariable UUID itemId) {
        return mapper.toResponse(carts.removeItem(new CartId(id), caller.id(), new CartItemId(itemId)));
    }
}
