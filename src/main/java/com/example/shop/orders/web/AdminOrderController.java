package com.example.shop.orders.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.orders.internal.IdempotentRequests;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.internal.OrderLifecycleService;
import com.example.shop.orders.internal.OrderQueryService;
import com.example.shop.orders.internal.OrderStatus;
import com.example.shop.payments.RefundView;
import com.example.shop.shared.Money;
import com.example.shop.shared.web.MultiLineText;
import com.example.shop.shared.web.PageResponse;

import tools.jackson.databind.json.JsonMapper;

@Tag(name = "Orders (admin)")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "No valid access token")
@ApiResponse(responseCode = "403", description = "Not an administrator")
@RestController
@RequestMapping("/api/admin/orders")
class AdminOrderController {

    private final OrderQueryService queries;
    private final OrderLifecycleService lifecycle;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;
    private final String currency;
    private final OrderWebMapper mapper;

    AdminOrderController(OrderQueryService queries, OrderLifecycleService lifecycle, IdempotentRequests idempotent,
            JsonMapper json, @Value("${shop.currency:EUR}") String currency, OrderWebMapper mapper) {
        this.queries = queries;
        this.lifecycle = lifecycle;
        this.idempotent = idempotent;
        this.json = json;
        this.currency = currency;
        this.mapper = mapper;
    }

    record ShipRequest(@NotBlank @Size(max = 60) String carrier, @NotBlank @Size(max = 100) String trackingNumber) {
    }

    /** {@code amount} in minor units of the shop currency; absent for everything that is left. */
    record RefundRequest(@Min(1) Long amount, @Size(max = 500) @MultiLineText String reason) {
    }

    record RefundResponse(UUID orderId, String refundId, Money amount, String status) {
    }

    @Operation(summary = "All orders, newest first, optionally by status")
    @ApiResponse(responseCode = "200", description = "One page of orders")
    @ApiResponse(responseCode = "400", description = "Unknown status, page outside 0-100000 or size outside 1-100")
    @GetMapping
    PageResponse<OrderResponses.AdminSummary> all(@RequestParam Optional<OrderStatus> status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.of(queries.all(status, PageRequest.of(page, size)), mapper::toAdminSummary);
    }

    @Operation(summary = "Ship a paid order", description = "PAID -> SHIPPED, and only that: an order in any other "
            + "status, including one already shipped and one refunded in part, answers 409 illegal-order-transition "
            + "saying why.")
    @ApiResponse(responseCode = "409", description = "The order is not PAID: unpaid, cancelled, refunded in part or in "
            + "full, or shipped already (illegal-order-transition)")
    @ApiResponse(responseCode = "200", description = "The shipped order")
    @ApiResponse(responseCode = "400", description = "Carrier or tracking number missing")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @PostMapping("/{id}/ship")
    OrderResponses.Order ship(@PathVariable UUID id, @Valid @RequestBody ShipRequest request) {
        return mapper.toOrder(lifecycle.ship(new OrderId(id), request.carrier(), request.trackingNumber()));
    }

    @Operation(summary = "Refund a paid order through Stripe", description = "Full when `amount` is absent. The "
            + "Idempotency-Key header is required: repeating it with the same body answers the first response "
            + "without a second refund; a repetition while the first is still running waits for it up to "
            + "`shop.idempotency.wait-for-first` (10 s by default), then answers 409 request-in-progress. The "
            + "order's status follows Stripe's confirmation (charge.refunded), and goes back when Stripe reports "
            + "the refund failed later (refund.failed): that amount can then be refunded again.")
    @ApiResponse(responseCode = "202", description = "Refund accepted by Stripe", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RefundResponse.class)))
    @ApiResponse(responseCode = "400", description = "Idempotency-Key missing, or an invalid amount")
    @ApiResponse(responseCode = "404", description = "Unknown order")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different request, or Stripe refused the refund (payment-rejected)")
    @ApiResponse(responseCode = "409", description = "Never paid, nothing (that much) left to refund, or a request with the "
            + "same Idempotency-Key still running after `shop.idempotency.wait-for-first` (10 s by default; "
            + "request-in-progress: repeat it)")
    @ApiResponse(responseCode = "503", description = "Stripe cannot be reached right now (Retry-After)")
    @PostMapping(path = "/{id}/refunds", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> refund(@PathVariable UUID id,
            @RequestHeader(CheckoutController.IDEMPOTENCY_KEY) @Size(min = 1, max = 255) String key,
            @Valid @RequestBody(required = false) RefundRequest request) {
        RefundRequest body = request == null ? new RefundRequest(null, null) : request;
        // no resume: the refund's own idempotency key makes running it again safe (payments and Stripe dedupe)
        IdempotentRequests.Response response = idempotent.execute("refund", id, key, json.writeValueAsString(body), claim -> {
            Optional<Money> amount = Optional.ofNullable(body.amount()).map(a -> Money.of(a, currency));
            RefundView refund = lifecycle.refund(new OrderId(id), amount, "refund-" + id + "-" + key, body.reason());
            return new IdempotentRequests.Response(HttpStatus.ACCEPTED.value(), json.writeValueAsString(
                    new RefundResponse(id, refund.refundId(), refund.amount(), refund.status())));
        }, null);
        return ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.body());
    }
}
