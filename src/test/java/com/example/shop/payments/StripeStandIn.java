package com.example.shop.payments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.payments.StripeObjects.Charge;
import com.example.shop.payments.StripeObjects.Intent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A local Stripe for the tests and the offline dev run: WireMock speaking Stripe's wire format for the
 * calls this shop makes (create/retrieve/cancel PaymentIntent, create and list refunds, retrieve charge and
 * dispute; {@link StripeStandInHttp}), answering with Stripe's own fixture objects ({@link StripeObjects}).
 * <p>
 * Stateful where it matters: a PaymentIntent can be moved to {@code succeeded}, {@code processing} or a failed
 * attempt ({@link #succeed}, {@link #fail}, {@link #markProcessing}); refunds are limited to what was
 * captured, can be made behind the shop's back ({@link #refundInDashboard}) or fail later
 * ({@link #failRefund}), and are listed by PaymentIntent; a response can be lost after the request was carried
 * out ({@link #loseResponses}). Tests assert on the requests through WireMock's journal ({@link #server()},
 * {@link #requests}) and may add stubs with a higher priority (a 500, say) in front of the stateful default.
 * <p>
 * One per JVM ({@link #shared()}), started on first use on a free port of 127.0.0.1. Its state and its wire
 * side share this object's lock.
 */
public final class StripeStandIn {

    private static final Logger log = LoggerFactory.getLogger(StripeStandIn.class);

    /** System property: {@code true} runs the stand-in without a request journal (bench/run.sh). */
    public static final String NO_JOURNAL = "shop.stripe-stand-in.no-journal";

    private static StripeStandIn shared;

    private final WireMockServer server;
    private final StripeStandInHttp http;
    private final Map<String, Intent> intents = new LinkedHashMap<>();
    private final Map<String, Charge> charges = new HashMap<>();
    private final Map<String, ObjectNode> refunds = new LinkedHashMap<>();
    private final Map<String, ObjectNode> disputes = new HashMap<>();

    private StripeStandIn() {
        this.http = new StripeStandInHttp(this);
        var config = wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(16)
                .maxRequestJournalEntries(2000)
                .notifier(new Slf4jNotifier(false))
                .extensions(http.transformer());
        if (Boolean.getBoolean(NO_JOURNAL)) {
            // the benchmark asserts nothing on the requests; trimming the journal walks all of it on every request
            config.disableRequestJournal();
        }
        this.server = new WireMockServer(config);
        server.start();
        server.stubFor(any(urlPathMatching("/v1/.*")).atPriority(100)
                .willReturn(aResponse().withTransformers(StripeStandInHttp.TRANSFORMER)));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stripe-stand-in-stop"));
        log.info("Stripe stand-in listening on {}", baseUrl());
    }

    /** The JVM's stand-in, started on first use. */
    public static synchronized StripeStandIn shared() {
        if (shared == null) {
            shared = new StripeStandIn();
        }
        return shared;
    }

    /** The stand-in if one was started in this JVM, else {@code null} (the app talks to real Stripe). */
    public static synchronized StripeStandIn runningOrNull() {
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** WireMock itself: its request journal and extra stubs. */
    public WireMockServer server() {
        return server;
    }

    /** Until removed, requests of the method to the path are answered as usual, but only after the delay. */
    public StubMapping slowDown(String method, String path, java.time.Duration delay) {
        return server.stubFor(WireMock.request(method, WireMock.urlPathEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withTransformers(StripeStandInHttp.TRANSFORMER)
                        .withFixedDelay(Math.toIntExact(delay.toMillis()))));
    }

    /** Forgets the requests received so far (the state of PaymentIntents stays). */
    public void resetRequests() {
        server.resetRequests();
    }

    /** Requests the stand-in answered for a path, oldest first (the journal, not the stubs). */
    public List<LoggedRequest> requests(String method, String path) {
        List<LoggedRequest> found = new ArrayList<>(server.findAll(
                new RequestPatternBuilder(RequestMethod.fromString(method), WireMock.urlPathEqualTo(path))));
        found.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return found;
    }

    // ------------------------------------------------------------------------------------------------
    // what tests and the dev trigger do to the stand-in's state

    /** A PaymentIntent created behind the shop's back (as if the shop's store after creating it had failed). */
    public synchronized String createIntent(String reference, long amount, String currency) {
        return createIntent(reference, 1, amount, currency);
    }

    /** The same, as the given attempt of the reference ({@code metadata.payment_attempt}). */
    public synchronized String createIntent(String reference, int attempt, long amount, String currency) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (reference != null) {
            metadata.put("order_id", reference);
            metadata.put("payment_attempt", Integer.toString(attempt));
        }
        return newIntent(amount, currency.toLowerCase(Locale.ROOT), metadata, null, false).id;
    }

    /** The customer paid: the PaymentIntent succeeds and gets a charge. */
    public synchronized ObjectNode succeed(String paymentIntentId) {
        Intent intent = intent(paymentIntentId);
        if (intent.status.equals("canceled")) {
            throw new IllegalStateException(paymentIntentId + " is canceled; it can no longer succeed");
        }
        intent.status = "succeeded";
        intent.amountReceived = intent.amount;
        intent.lastError = null;
        if (intent.latestCharge == null) {
            Charge charge = new Charge("ch_" + StripeObjects.token(24), intent.id, intent.amount, intent.currency);
            charges.put(charge.id, charge);
            intent.latestCharge = charge.id;
        }
        return StripeObjects.paymentIntent(intent);
    }

    /** An attempt failed: back to {@code requires_payment_method} with the decline as last error. */
    public synchronized ObjectNode fail(String paymentIntentId, String message) {
        Intent intent = intent(paymentIntentId);
        if (intent.status.equals("succeeded") || intent.status.equals("canceled")) {
            throw new IllegalStateException(paymentIntentId + " is " + intent.status + "; it can no longer fail");
        }
        intent.status = "requires_payment_method";
        intent.lastError = message;
        return StripeObjects.paymentIntent(intent);
    }

    public synchronized ObjectNode markProcessing(String paymentIntentId) {
        Intent intent = intent(paymentIntentId);
        intent.status = "processing";
        return StripeObjects.paymentIntent(intent);
    }

    /** The PaymentIntent as Stripe would render it now. */
    public synchronized ObjectNode intentJson(String paymentIntentId) {
        return StripeObjects.paymentIntent(intent(paymentIntentId));
    }

    /** The PaymentIntent's charge as Stripe would render it now (it must have succeeded). */
    public synchronized ObjectNode chargeJson(String paymentIntentId) {
        Intent intent = intent(paymentIntentId);
        if (intent.latestCharge == null) {
            throw new IllegalStateException(paymentIntentId + " has no charge yet");
        }
        return StripeObjects.charge(charges.get(intent.latestCharge));
    }

    /** A refund made behind the shop's back (in Stripe's dashboard, say): the charge's refunded amount grows. */
    public synchronized ObjectNode refundInDashboard(String paymentIntentId, long amount) {
        try {
            return refund(paymentIntentId, amount, null, Map.of());
        } catch (Refusal e) {
            throw new IllegalStateException("The stand-in refused the refund: " + e.getMessage());
        }
    }

    /** A refund fails after Stripe accepted it (the card was closed, say): the charge's refunded amount shrinks. */
    public synchronized ObjectNode failRefund(String refundId) {
        ObjectNode refund = refunds.get(refundId);
        if (refund == null) {
            throw new IllegalArgumentException("The stand-in has no refund " + refundId);
        }
        if (!refund.get("status").asString().equals("failed")) {
            charges.get(refund.get("charge").asString()).refunded -= refund.get("amount").asLong();
        }
        refund.put("status", "failed");
        refund.put("failure_reason", "expired_or_canceled_card");
        return refund.deepCopy();
    }

    /** The refunds of a PaymentIntent, oldest first. */
    public synchronized List<ObjectNode> refundsOf(String paymentIntentId) {
        return refunds.values().stream()
                .filter(refund -> paymentIntentId.equals(refund.get("payment_intent").asString()))
                .map(ObjectNode::deepCopy).toList();
    }

    /**
     * The next {@code times} requests to {@code method path} whose body contains {@code bodyContains} are
     * carried out, but answered with a 500, as if the response had been lost on its way back: a client that
     * repeats such a request with another idempotency key would make the thing twice.
     */
    public synchronized void loseResponses(String method, String path, String bodyContains, int times) {
        http.loseResponses(method, path, bodyContains, times);
    }

    /** The bank disputes the PaymentIntent's charge. */
    public synchronized ObjectNode openDispute(String paymentIntentId) {
        ObjectNode dispute = StripeObjects.dispute(intent(paymentIntentId));
        disputes.put(dispute.get("id").asString(), dispute);
        return dispute.deepCopy();
    }

    public synchronized ObjectNode closeDispute(String disputeId, String status) {
        ObjectNode dispute = disputes.get(disputeId);
        dispute.put("status", status);
        return dispute.deepCopy();
    }

    /** How many PaymentIntents carry {@code metadata.order_id = reference}. */
    public synchronized long intentsFor(String reference) {
        return intents.values().stream().filter(intent -> reference.equals(intent.metadata.get("order_id")))
                .count();
    }

    /** Stripe's event envelope ({@code fixtures3.json}'s {@code event}) around an object. */
    public ObjectNode event(String type, JsonNode object, String apiVersion) {
        return StripeObjects.event(type, object, apiVersion);
    }

    public static String json(JsonNode node) {
        return StripeObjects.JSON.writeValueAsString(node);
    }

    // ------------------------------------------------------------------------------------------------
    // what the wire side does to the state; the caller holds this object's lock

    /** Stripe refuses a request: its HTTP status and error body. */
    static final class Refusal extends RuntimeException {
        final int status;
        final String type;
        final String code;

        Refusal(int status, String type, String code, String message) {
            super(message);
            this.status = status;
            this.type = type;
            this.code = code;
        }

        static Refusal missing(String object, String id) {
            return new Refusal(404, "invalid_request_error", "resource_missing",
                    "No such " + object + ": '" + id + "'");
        }
    }

    ObjectNode create(long amount, String currency, Map<String, String> metadata, String receiptEmail,
            boolean automaticPaymentMethods) {
        return StripeObjects.paymentIntent(
                newIntent(amount, currency, metadata, receiptEmail, automaticPaymentMethods));
    }

    Optional<ObjectNode> findIntent(String id) {
        return Optional.ofNullable(intents.get(id)).map(StripeObjects::paymentIntent);
    }

    Optional<ObjectNode> findCharge(String id) {
        return Optional.ofNullable(charges.get(id)).map(StripeObjects::charge);
    }

    Optional<ObjectNode> findDispute(String id) {
        return Optional.ofNullable(disputes.get(id)).map(ObjectNode::deepCopy);
    }

    ObjectNode cancel(String id) {
        Intent intent = intents.get(id);
        if (intent == null) {
            throw Refusal.missing("payment_intent", id);
        }
        if (intent.status.equals("succeeded") || intent.status.equals("canceled")
                || intent.status.equals("processing")) {
            throw new Refusal(400, "invalid_request_error", "payment_intent_unexpected_state",
                    "You cannot cancel this PaymentIntent because it has a status of " + intent.status + ".");
        }
        intent.status = "canceled";
        intent.canceledAt = Instant.now().getEpochSecond();
        return StripeObjects.paymentIntent(intent);
    }

    /** Refunds {@code amount} ({@code null}: everything left) of a succeeded PaymentIntent's charge. */
    ObjectNode refund(String paymentIntentId, Long amount, String reason, Map<String, String> metadata) {
        Intent intent = intents.get(paymentIntentId);
        if (intent == null) {
            throw Refusal.missing("payment_intent", paymentIntentId);
        }
        if (!intent.status.equals("succeeded")) {
            throw new Refusal(400, "invalid_request_error", "charge_not_refundable",
                    "This PaymentIntent does not have a successful charge to refund.");
        }
        Charge charge = charges.get(intent.latestCharge);
        long refundable = charge.captured - charge.refunded;
        long refunded = amount == null ? refundable : amount;
        if (refunded < 1 || refunded > refundable) {
            throw new Refusal(400, "invalid_request_error", "amount_too_large", "Refund amount (" + refunded
                    + ") is greater than unrefunded amount on charge (" + refundable + ")");
        }
        charge.refunded += refunded;
        ObjectNode refund = StripeObjects.refund(charge, refunded, reason, metadata);
        refunds.put(refund.get("id").asString(), refund);
        return refund.deepCopy();
    }

    /** The refunds of a PaymentIntent ({@code null}: of all), newest first, as Stripe lists them. */
    ObjectNode refundList(String paymentIntentId) {
        List<ObjectNode> newestFirst = new ArrayList<>(refunds.values());
        Collections.reverse(newestFirst);
        return StripeObjects.list("/v1/refunds", newestFirst.stream()
                .filter(refund -> paymentIntentId == null
                        || paymentIntentId.equals(refund.get("payment_intent").asString()))
                .toList());
    }

    private Intent newIntent(long amount, String currency, Map<String, String> metadata, String receiptEmail,
            boolean automaticPaymentMethods) {
        Intent intent = new Intent();
        intent.id = "pi_" + StripeObjects.token(24);
        intent.clientSecret = intent.id + "_secret_" + StripeObjects.token(25);
        intent.amount = amount;
        intent.currency = currency;
        intent.metadata = metadata;
        intent.receiptEmail = receiptEmail;
        intent.status = "requires_payment_method";
        intent.created = Instant.now().getEpochSecond();
        intent.automaticPaymentMethods = automaticPaymentMethods;
        intents.put(intent.id, intent);
        return intent;
    }

    private Intent intent(String id) {
        Intent intent = intents.get(id);
        if (intent == null) {
            throw new IllegalArgumentException("The stand-in has no PaymentIntent " + id);
        }
        return intent;
    }
}
