package com.example.shop.orders.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.customers.CurrentCustomer;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.internal.CheckoutService;
import com.example.shop.orders.internal.OrderAccess;
import com.example.shop.orders.internal.OrderLifecycleService;
import com.example.shop.orders.internal.OrderNotFound;
import com.example.shop.orders.internal.OrderQueryService;
import com.example.shop.orders.internal.SignInRequired;
import com.example.shop.shared.web.PageResponse;

@Tag(name = "Orders")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token (and, where a guest may call, no Order-Access-Key)")
@RestController
@RequestMapping("/api/orders")
class OrderController {

    static final String ACCESS_KEY = "Order-Access-Key";

    private static final String KEY_PARAMETER = "A guest order's access key (the checkout's `orderAccessKey`), in "
            + "place of an access token (security scheme orderAccessKey)";

    /** What a guest order's access key grants, said once for the three operations that take it. */
    private static final String GUEST_ACCESS = " A guest order is also open to whoever sends its access key (the "
            + "`orderAccessKey` of the checkout) in the `Order-Access-Key` header, with or without a token; a wrong "
            + "key is a 404 like any foreign order, and wrong keys are limited per client address and per order "
            + "(429 with Retry-After).";

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

    @SecurityRequirement(name = "bearerAuth")
    @SecurityRequirement(name = GuestAccessDocumentation.ORDER_ACCESS_KEY)
    @Operation(summary = "One order (its owner, an admin, or the holder of a guest order's access key)",
            description = "The order with its lines and money breakdown." + GUEST_ACCESS)
    @ApiResponse(responseCode = "404", description = "Unknown order, another customer's, or a wrong access key")
    @ApiResponse(responseCode = "429", description = "Too many wrong access keys from this address or for this order")
    @ApiResponse(responseCode = "200", description = "The order")
    @GetMapping("/{id}")
    OrderResponses.Order get(@PathVariable UUID id, @Parameter(description = KEY_PARAMETER) @RequestHeader(name = ACCESS_KEY, required = false)
            @Nullable String key, HttpServletRequest http) {
        return mapper.toOrder(queries.details(new OrderId(id), access(key, http, true)));
    }

    @SecurityRequirement(name = "bearerAuth")
    @SecurityRequirement(name = GuestAccessDocumentation.ORDER_ACCESS_KEY)
    @Operation(summary = "The order's payment", description = "Starts it when the order is still unpaid and it was "
            + "not started yet; the same PaymentIntent every time. An order with nothing to pay (a total of zero, "
            + "paid at checkout) answers provider `none` and status `not_required`." + GUEST_ACCESS)
    @ApiResponse(responseCode = "404", description = "Unknown order, another customer's, or a wrong access key")
    @ApiResponse(responseCode = "429", description = "Too many wrong access keys from this address or for this order")
    @ApiResponse(responseCode = "422", description = "Stripe refused to start the payment (payment-rejected)")
    @ApiResponse(responseCode = "503", description = "Stripe cannot be reached right now")
    @ApiResponse(responseCode = "200", description = "The PaymentIntent to confirm with Stripe.js")
    @GetMapping("/{id}/payment")
    OrderResponses.Payment payment(@PathVariable UUID id, @Parameter(description = KEY_PARAMETER) @RequestHeader(name = ACCESS_KEY,
            required = false) @Nullable String key, HttpServletRequest http) {
        CheckoutService.OrderPayment payment = checkout.payment(new OrderId(id), access(key, http, false));
        if (payment.payment().isPresent()) {
            return mapper.toPayment(payment.payment().get());
        }
        if (payment.nothingToPay()) {
            return OrderResponses.Payment.NOT_REQUIRED;
        }
        throw new OrderNotFound(id);
    }

    @SecurityRequirement(name = "bearerAuth")
    @SecurityRequirement(name = GuestAccessDocumentation.ORDER_ACCESS_KEY)
    @Operation(summary = "Cancel an unpaid order (its owner, an admin, or the holder of a guest order's access key)",
            description = "Releases the stock and cancels the PaymentIntent." + GUEST_ACCESS)
    @ApiResponse(responseCode = "409", description = "The order is not PENDING_PAYMENT")
    @ApiResponse(responseCode = "429", description = "Too many wrong access keys from this address or for this order")
    @ApiResponse(responseCode = "200", description = "The cancelled order")
    @ApiResponse(responseCode = "404", description = "Unknown order, another customer's, or a wrong access key")
    @PostMapping("/{id}/cancel")
    OrderResponses.Order cancel(@PathVariable UUID id, @Parameter(description = KEY_PARAMETER) @RequestHeader(name = ACCESS_KEY,
            required = false) @Nullable String key, HttpServletRequest http) {
        return mapper.toOrder(lifecycle.cancel(new OrderId(id), access(key, http, true)));
    }

    record ClaimRequest(@Schema(example = "0b9e3c4e-4f1b-4c39-9d8e-2a4a2f0c6d11") @NotNull UUID orderId,
            @Schema(example = "q9Zb3H2dVYx0mD8kR1sT7uW4yA6cE5fG9hJ2kL3nP0o", description = "The checkout's `orderAccessKey`")
            @NotBlank @Size(max = 100) String orderAccessKey) {
    }

    @Operation(summary = "Adopt a guest order into the caller's account",
            description = "A signed-in customer who holds a guest order's access key makes it theirs: it joins their "
                    + "order list and opens with their token (the key keeps working too). Once only: of concurrent "
                    + "claims one succeeds and the others answer 409. Wrong keys count against guessing as on the "
                    + "order's other operations.")
    @ApiResponse(responseCode = "200", description = "The order, now the caller's")
    @ApiResponse(responseCode = "400", description = "Invalid body")
    @ApiResponse(responseCode = "404", description = "Unknown order, or a wrong access key")
    @ApiResponse(responseCode = "409", description = "A customer (the caller or another) has claimed the order already")
    @ApiResponse(responseCode = "429", description = "Too many wrong access keys from this address or for this order")
    @PostMapping("/claim")
    OrderResponses.Order claim(@Valid @RequestBody ClaimRequest request, HttpServletRequest http) {
        return mapper.toOrder(lifecycle.claim(new OrderId(request.orderId()), request.orderAccessKey(),
                http.getRemoteAddr(), caller.require()));
    }

    /**
     * The key when one is sent (it opens a guest order whoever calls), else the caller's token; neither is a 401.
     * {@code adminToo}: whether an admin's token opens any order here.
     */
    private OrderAccess access(@Nullable String key, HttpServletRequest http, boolean adminToo) {
        if (key != null) {
            return OrderAccess.key(key, http.getRemoteAddr());
        }
        return OrderAccess.customer(caller.id().orElseThrow(() -> new SignInRequired(
                "A valid access token, or a guest order's Order-Access-Key, is required.")),
                adminToo && caller.isAdmin());
    }
}
