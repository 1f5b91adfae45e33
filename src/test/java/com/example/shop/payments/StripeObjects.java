package com.example.shop.payments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link StripeStandIn}'s objects as Stripe renders them: Stripe's own fixture objects
 * ({@code fixtures3.json}, API version 2026-07-29.dahlia) with the stand-in's values filled in, Stripe's event
 * envelope, list and error bodies; and the mutable state behind a PaymentIntent and a charge.
 */
final class StripeObjects {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ObjectNode FIXTURES = loadFixtures();

    private StripeObjects() {
    }

    /** A PaymentIntent as the stand-in keeps it. */
    static final class Intent {
        String id;
        String clientSecret;
        long amount;
        long amountReceived;
        String currency;
        Map<String, String> metadata = new LinkedHashMap<>();
        String receiptEmail;
        String status;
        String latestCharge;
        String lastError;
        Long canceledAt;
        long created;
        boolean automaticPaymentMethods;
    }

    /** A PaymentIntent's charge: what it captured and how much of that has been refunded. */
    static final class Charge {
        final String id;
        final String paymentIntentId;
        final long captured;
        final String currency;
        long refunded;

        Charge(String id, String paymentIntentId, long captured, String currency) {
            this.id = id;
            this.paymentIntentId = paymentIntentId;
            this.captured = captured;
            this.currency = currency;
        }
    }

    static ObjectNode paymentIntent(Intent intent) {
        ObjectNode json = fixture("payment_intent");
        json.put("id", intent.id);
        json.put("amount", intent.amount);
        json.put("amount_received", intent.amountReceived);
        json.put("amount_capturable", 0);
        json.put("currency", intent.currency);
        json.put("client_secret", intent.clientSecret);
        json.put("created", intent.created);
        json.put("status", intent.status);
        json.put("latest_charge", intent.latestCharge);
        json.put("receipt_email", intent.receiptEmail);
        json.putObject("automatic_payment_methods").put("enabled", intent.automaticPaymentMethods);
        ObjectNode metadata = json.putObject("metadata");
        intent.metadata.forEach(metadata::put);
        json.putNull("next_action");
        json.putNull("processing");
        json.putNull("transfer_data");
        if (intent.canceledAt != null) {
            json.put("canceled_at", intent.canceledAt);
            json.put("cancellation_reason", "requested_by_customer");
        } else {
            json.putNull("canceled_at");
        }
        if (intent.lastError != null) {
            ObjectNode error = json.putObject("last_payment_error");
            error.put("type", "card_error");
            error.put("code", "card_declined");
            error.put("decline_code", "generic_decline");
            error.put("message", intent.lastError);
        } else {
            json.putNull("last_payment_error");
        }
        return json;
    }

    static ObjectNode charge(Charge charge) {
        ObjectNode json = fixture("charge");
        json.put("id", charge.id);
        json.put("amount", charge.captured);
        json.put("amount_captured", charge.captured);
        json.put("amount_refunded", charge.refunded);
        json.put("captured", true);
        json.put("refunded", charge.refunded >= charge.captured);
        json.put("currency", charge.currency);
        json.put("payment_intent", charge.paymentIntentId);
        json.put("status", "succeeded");
        json.put("created", Instant.now().getEpochSecond());
        json.putNull("source");
        json.putNull("transfer_data");
        ObjectNode refundList = json.putObject("refunds");
        refundList.put("object", "list");
        refundList.putArray("data");
        refundList.put("has_more", false);
        refundList.put("url", "/v1/charges/" + charge.id + "/refunds");
        return json;
    }

    /** A succeeded refund of part of a charge, with the metadata it was created with. */
    static ObjectNode refund(Charge charge, long amount, String reason, Map<String, String> metadata) {
        ObjectNode refund = fixture("refund");
        refund.put("id", "re_" + token(24));
        refund.put("amount", amount);
        refund.put("charge", charge.id);
        refund.put("currency", charge.currency);
        refund.put("payment_intent", charge.paymentIntentId);
        refund.put("created", Instant.now().getEpochSecond());
        refund.put("status", "succeeded");
        refund.put("reason", reason);
        ObjectNode values = refund.putObject("metadata");
        metadata.forEach(values::put);
        return refund;
    }

    /** A dispute of a PaymentIntent's charge, waiting for the merchant's response. */
    static ObjectNode dispute(Intent intent) {
        ObjectNode dispute = fixture("dispute");
        dispute.put("id", "dp_" + token(24));
        dispute.put("amount", intent.amount);
        dispute.put("currency", intent.currency);
        dispute.put("charge", intent.latestCharge);
        dispute.put("payment_intent", intent.id);
        dispute.put("created", Instant.now().getEpochSecond());
        dispute.put("status", "needs_response");
        return dispute;
    }

    /** Stripe's event envelope around an object. */
    static ObjectNode event(String type, JsonNode object, String apiVersion) {
        ObjectNode event = fixture("event");
        event.put("id", "evt_" + token(24));
        event.put("type", type);
        event.put("api_version", apiVersion);
        event.put("created", Instant.now().getEpochSecond());
        event.put("pending_webhooks", 1);
        ObjectNode data = JSON.createObjectNode();
        data.set("object", object);
        event.set("data", data);
        return event;
    }

    /** One page holding everything: {@code has_more} is false. */
    static ObjectNode list(String url, List<ObjectNode> items) {
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        items.forEach(item -> data.add(item.deepCopy()));
        list.put("has_more", false);
        list.put("url", url);
        return list;
    }

    /** Stripe's error body: {@code {"error": {type, code?, message}}}. */
    static ObjectNode error(String type, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        return body;
    }

    /** Random letters and digits, as in Stripe's ids and secrets. */
    static String token(int length) {
        StringBuilder token = new StringBuilder();
        while (token.length() < length) {
            token.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return token.substring(0, length);
    }

    private static ObjectNode fixture(String name) {
        return (ObjectNode) FIXTURES.get("resources").get(name).deepCopy();
    }

    private static ObjectNode loadFixtures() {
        try (InputStream in = StripeObjects.class.getResourceAsStream("fixtures3.json")) {
            if (in == null) {
                throw new IllegalStateException("fixtures3.json is missing from the test classpath");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
