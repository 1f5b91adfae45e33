package com.example.shop.orders.web;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.cart.CartId;
import com.example.shop.customers.CurrentCustomer;
import com.example.shop.customers.CustomerId;
import com.example.shop.orders.OrderId;
import com.example.shop.orders.internal.CheckoutService;
import com.example.shop.orders.internal.IdempotentRequests;
import com.example.shop.orders.internal.OrderAccess;
import com.example.shop.orders.internal.OrderDetails;
import com.example.shop.orders.internal.OrderQueryService;
import com.example.shop.orders.internal.OrderStatus;
import com.example.shop.orders.internal.SignInRequired;
import com.example.shop.payments.PaymentView;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Tag(name = "Checkout")
@RestController
class CheckoutController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CheckoutService checkout;
    private final OrderQueryService queries;
    private final IdempotentRequests idempotent;
    private final CurrentCustomer caller;
    private final JsonMapper json;
    private final OrderWebMapper mapper;

    CheckoutController(CheckoutService checkout, OrderQueryService queries, IdempotentRequests idempotent,
            CurrentCustomer caller, JsonMapper json, OrderWebMapper mapper) {
        this.checkout = checkout;
        this.queries = queries;
        this.idempotent = idempotent;
        this.caller = caller;
        this.json = json;
        this.mapper = mapper;
    }

    record AddressRequest(
            @Schema(example = "Jane Doe") @NotBlank @Size(max = 120) String name,
            @Schema(example = "1 Example Street") @NotBlank @Size(max = 200) String line1,
            @Schema(example = "Floor 2") @Size(max = 200) String line2,
            @Schema(example = "Berlin") @NotBlank @Size(max = 100) String city,
            @Schema(example = "10115") @NotBlank @Size(max = 20) String postalCode,
            @Schema(example = "DE") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE") String country) {
    }

    /**
     * {@code shippingMethod} is required once an active shipping method ships to the address's country;
     * {@code discountCode} is optional (case-insensitive). A blank one counts as none.
     */
    record CheckoutRequest(@NotNull UUID cartId, @NotNull @Valid AddressRequest shippingAddress,
            @Schema(example = "standard", description = "A shipping method's code (GET /api/shipping-methods); required "
                    + "once an active method ships to the address's country")
            @Size(max = 40) String shippingMethod,
            @Schema(example = "WELCOME10", description = "A discount code, in any case") @Size(max = 40) String discountCode,
            @Schema(example = "guest@example.com", description = "A guest's e-mail: required without an access token "
                    + "(a guest checkout of an anonymous cart), ignored with one (the customer's own e-mail is used)")
            @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be an e-mail address")
            String email) {

        CheckoutService.Choices choices() {
            return new CheckoutService.Choices(blankToNull(shippingMethod), blankToNull(discountCode));
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        /** The caller, or a guest with the body's e-mail; neither is a 401. */
        CheckoutService.Purchaser purchaser(Optional<CustomerId> caller) {
            if (caller.isPresent()) {
                return new CheckoutService.Purchaser.Customer(caller.get());
            }
            if (email == null || email.isBlank()) {
                throw new SignInRequired("Sign in, or give an email to check out an anonymous cart as a guest.");
            }
            return new CheckoutService.Purchaser.Guest(email);
        }
    }

    @Operation(summary = "Place an order from a cart (a customer's, or a guest's with an e-mail)",
            description = "Reserves the stock and empties the cart in one transaction, then starts the Stripe payment. "
                    + "Without an access token this is a guest checkout: the cart must be anonymous and the body must "
                    + "have `email`; the answer adds `orderAccessKey`, the secret that reads, pays and cancels the order "
                    + "in the `Order-Access-Key` header (shown only here: the shop keeps its hash). "
                    + "An order whose total is zero (a 100 % discount) is paid at once: status PAID, `payment` null, "
                    + "no Stripe payment. "
                    + "Send an Idempotency-Key (strongly recommended): repeating the request with the same key and body "
                    + "returns the first response without a second order; the same key with another body is refused. "
                    + "A repetition that arrives while the first request is still running waits for it (up to "
                    + "`shop.idempotency.wait-for-first`, 10 s by default) and answers its response, or 409 "
                    + "request-in-progress after that: repeat it a little later. "
                    + "When the payment cannot be started yet, `payment` is null and GET /api/orders/{id}/payment starts it. "
                    + "The order is priced as POST /api/checkout/quote shows: subtotal - discount + shipping (+ tax where "
                    + "prices exclude it) = total, and the PaymentIntent is for the total. The discount code's use is "
                    + "claimed with the order, and given back when the order is cancelled or times out. "
                    + "A guest's Idempotency-Key is scoped to the cart (a customer's to the customer): its repetition "
                    + "answers the same order with a new `orderAccessKey`, and the key answered before stops working.")
    @SecurityRequirement(name = "bearerAuth")
    @ApiResponse(responseCode = "201", description = "Order placed, with the PaymentIntent to confirm (payment is null when Stripe could not be reached, or there is nothing to pay)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderResponses.Checkout.class)))
    @ApiResponse(responseCode = "401", description = "An invalid access token, or neither a token nor an `email`")
    @ApiResponse(responseCode = "400", description = "Invalid body or empty cart")
    @ApiResponse(responseCode = "404", description = "Unknown cart, or another customer's (for a guest: any customer's)")
    @ApiResponse(responseCode = "409", description = "Not enough stock (the problem lists the products), a product no longer "
            + "on sale, the discount code's last use taken by an order placed at the same moment (discount-code-ran-out), "
            + "or a request with the same Idempotency-Key still running after `shop.idempotency.wait-for-first` "
            + "(10 s by default; request-in-progress: repeat it)")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key reused with a different request; a shipping method "
            + "required (shipping-method-required, listing the methods) or unavailable (unknown, inactive, or not shipping "
            + "to the address's country: shipping-method-unavailable); a discount code unknown, expired, not yet valid, "
            + "above the subtotal's minimum, used up, or used up by this customer (discount-code-*)")
    @PostMapping(path = "/api/checkout", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> checkout(
            @Parameter(description = "Unique per checkout attempt, e.g. a UUID; at most 255 characters")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String key,
            @Valid @RequestBody CheckoutRequest request) {
        CheckoutService.Purchaser purchaser = request.purchaser(caller.id());
        // the access key made by this request's own run; a repetition answering a stored response gets a new one
        AtomicReference<@Nullable String> accessKey = new AtomicReference<>();
        IdempotentRequests.Response response;
        if (key == null) {
            response = place(purchaser, request, Optional.empty(), accessKey);
        } else if (purchaser instanceof CheckoutService.Purchaser.Customer customer) {
            response = idempotent.execute("checkout", customer.id().value(), key, json.writeValueAsString(request),
                    claim -> place(purchaser, request, Optional.of(claim), accessKey),
                    orderId -> created(queries.details(new OrderId(orderId), customer.id(), false), false));
        } else {
            // a guest is nobody's: the key is scoped to the cart, whose id only the guest holds
            response = idempotent.execute("checkout-guest", request.cartId(), key, json.writeValueAsString(request),
                    claim -> place(purchaser, request, Optional.of(claim), accessKey),
                    orderId -> created(queries.details(new OrderId(orderId), OrderAccess.asSystem()), false));
        }
        ObjectNode body = (ObjectNode) json.readTree(response.body());
        String orderId = body.path("orderId").asString();
        if (purchaser instanceof CheckoutService.Purchaser.Guest) {
            String orderKey = accessKey.get() != null ? accessKey.get()
                    : checkout.reissueAccessKey(OrderId.parse(orderId)).orElse(null);
            if (orderKey != null) {
                body.put("orderAccessKey", orderKey);
            }
        }
        return ResponseEntity.status(response.status())
                .header(HttpHeaders.LOCATION, "/api/orders/" + orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body));
    }

    @Operation(summary = "What checkout would charge for a cart, without placing anything",
            description = "The same body as POST /api/checkout. Answers exactly what checkout would charge now: the lines "
                    + "(each with its share of the discount and its tax), subtotal, discount, shipping, tax, taxIncluded "
                    + "and total (subtotal - discount + shipping, + tax where prices exclude it), with the same problems "
                    + "checkout would answer. No side effect: no stock reserved, no code's use claimed, the cart unchanged. "
                    + "Who may ask is who may check out: a customer, or without a token a guest with `email` and an "
                    + "anonymous cart.")
    @SecurityRequirement(name = "bearerAuth")
    @ApiResponse(responseCode = "200", description = "The quote")
    @ApiResponse(responseCode = "401", description = "An invalid access token, or neither a token nor an `email` (as checkout)")
    @ApiResponse(responseCode = "400", description = "Invalid body (an unknown country among them) or empty cart")
    @ApiResponse(responseCode = "404", description = "Unknown cart, or another customer's")
    @ApiResponse(responseCode = "409", description = "Not enough stock (the problem lists the products), or a product no longer on sale")
    @ApiResponse(responseCode = "422", description = "A shipping method required or unavailable; a discount code unknown, "
            + "expired, not yet valid, above the subtotal's minimum, used up, or used up by this customer")
    @PostMapping(path = "/api/checkout/quote", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderResponses.Quote quote(@Valid @RequestBody CheckoutRequest request) {
        return mapper.toQuote(checkout.quote(request.purchaser(caller.id()), new CartId(request.cartId()),
                mapper.toAddress(request.shippingAddress()), request.choices()));
    }

    private IdempotentRequests.Response place(CheckoutService.Purchaser purchaser, CheckoutRequest request,
            Optional<IdempotentRequests.Claim> claim, AtomicReference<@Nullable String> accessKey) {
        CheckoutService.Placed placed = checkout.checkout(purchaser, new CartId(request.cartId()),
                mapper.toAddress(request.shippingAddress()), request.choices(), claim);
        accessKey.set(placed.accessKey());
        return created(placed.order(), true);
    }

    /**
     * The 201 answer for a placed order ({@code placedNow}: by this request), starting its payment (again: it is the
     * same PaymentIntent). An
     * order that is no longer payable (a repetition answering for an order cancelled meanwhile) shows its
     * current status and last payment, and no payment is started.
     */
    private IdempotentRequests.Response created(OrderDetails order, boolean placedNow) {
        Optional<PaymentView> payment = checkout.startPayment(order, placedNow);
        String note = payment.isPresent() ? null
                : order.total().isZero() ? "Nothing to pay: the order's total is zero, so it is paid already."
                : order.status() == OrderStatus.PENDING_PAYMENT
                        ? "The payment could not be started yet; GET /api/orders/" + order.id() + "/payment starts it."
                        : "The order is " + order.status() + "; no payment is started for it.";
        OrderResponses.Checkout body = mapper.toCheckout(order, payment.orElse(null), note);
        return new IdempotentRequests.Response(201, json.writeValueAsString(body));
    }
}
