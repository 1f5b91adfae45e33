package com.example.shop.orders.web;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.customers.CurrentCustomer;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.internal.CheckoutService;
import com.example.shop.orders.internal.OrderLifecycleService;
import com.example.shop.orders.internal.OrderNotFound;
import com.example.shop.orders.internal.OrderQueryService;
import com.example.shop.shared.web.PageResponse;

@Tag(name = "Orders")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderQueryService queries;
    private final CheckoutService checkout;
    private final OrderLifecycleService lifecycle;
    private final CurrentCustomer caller;
    private final OrderWebMapper mapper;

    OrderController(OrderQueryService queries, CheckoutService checkout, OrderLifecycleService lifecycle,
            CurrentCustomer caller, OrderWebMapper mapper) {
        this.queries = queries;
        this.checkout = checkout;
        this.lifecycle = lifecycle;
        this.caller = caller;
        this.mapper = mapper;
    }

    @Operation(summary = "The caller's orders, newest first")
    @ApiResponse(responseCode = "200", description = "One page of the caller's orders")
    @ApiResponse(responseCode = "400", description = "page outside 0-100000 or size outside 1-100")
    @GetMapping
    PageResponse<OrderResponses.Summary> mine(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(queries.mine(caller.require(), PageRequest.of(page, size)), mapper::toSummary);
    }

    @Operation(summary = "One order (its owner or an admin)")
    @ApiResponse(responseCode = "404", description = "Unknown order, or another customer's")
    @ApiResponse(responseCode = "200", description = "The order")
    @GetMapping("/{id}")
    OrderResponses.Order get(@PathVariable UUID id) {
        return mapper.toOrder(queries.details(new OrderId(id), caller.require(), caller.isAdmin()));
    }

    @Operation(summary = "The order's payment", description = "Starts it when the order is still unpaid and it was "
            + "not started yet; the same PaymentIntent every time.")
    @ApiResponse(responseCode = "404", description = "Unknown order, or another customer's")
    @ApiResponse(responseCode = "422", description = "Stripe refused to start the payment (payment-rejected)")
    @ApiResponse(responseCode = "503", description = "Stripe cannot be reached right now")
    @ApiResponse(responseCode = "200", description = "The PaymentIntent to confirm with Stripe.js")
    @GetMapping("/{id}/payment")
    OrderResponses.Payment payment(@PathVariable UUID id) {
        return checkout.payment(new OrderId(id), caller.require()).map(mapper::toPayment)
                .orElseThrow(() -> new OrderNotFound(id));
    }

    @Operation(summary = "Cancel an unpaid order (its owner or an admin)", description = "Releases the stock and "
            + "cancels the PaymentIntent.")
    @ApiResponse(responseCode = "409", description = "The order is not PENDING_PAYMENT")
    @ApiResponse(responseCode = "200", description = "The cancelled order")
    @ApiResponse(responseCode = "404", description = "Unknown order, or another customer's")
    @PostMapping("/{id}/cancel")
    OrderResponses.Order cancel(@PathVariable UUID id) {
        return mapper.toOrder(lifecycle.cancel(new OrderId(id), caller.require(), caller.isAdmin()));
    }
}
