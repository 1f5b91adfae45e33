package com.example.shop.payments.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.payments.internal.StripeWebhookProcessor;
import com.example.shop.payments.internal.WebhookResult;

/**
 * Stripe's webhook. The body is taken as raw bytes: the signature covers them exactly, and any
 * re-serialisation would break it.
 */
@RestController
@Tag(name = "Payments", description = "Stripe webhook and storefront configuration")
class StripeWebhookController {

    private final StripeWebhookProcessor processor;

    StripeWebhookController(StripeWebhookProcessor processor) {
        this.processor = processor;
    }

    @PostMapping(path = "/api/payments/stripe/webhook", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Receive a Stripe event",
            description = "Verifies Stripe-Signature over the raw body; acknowledges handled, ignored and duplicate"
                    + " events with 200. `outcome` says what became of the event: `applied`, `no-change`,"
                    + " `duplicate`, `ignored-type`, `foreign` (a PaymentIntent of another system on the account),"
                    + " `superseded-intent`, `amount-mismatch` or `needs-review` (left to people, logged),"
                    + " `unretrievable`.")
    @ApiResponse(responseCode = "200", description = "Verified and handled, ignored, recorded for review or recognised"
            + " as a duplicate")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The Stripe event as Stripe "
            + "sent it (an `event` object, JSON); read as raw bytes, since the signature covers them exactly",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "A Stripe event object (`id`, `object`: `event`, `type`, `data`, ...)")))
    @ApiResponse(responseCode = "400", description = "Missing or invalid signature, or a stale timestamp")
    @ApiResponse(responseCode = "415", description = "A body not sent as application/json")
    @ApiResponse(responseCode = "503", description = "Transient failure: Stripe should deliver the event again (Stripe"
            + " unreachable or refusing our API key, or a refund or dispute that overtook the payment's success)")
    ResponseEntity<WebhookResult> receive(@RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) {
        return ResponseEntity.ok(processor.receive(body == null ? new byte[0] : body, signature));
    }
}
