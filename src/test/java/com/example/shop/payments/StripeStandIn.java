package com.example.shop.payments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A local Stripe for the tests and the offline dev run: WireMock speaking Stripe's wire format for the
 * calls this shop makes (create/retrieve/cancel PaymentIntent, create refund, retrieve charge and
 * dispute). Requests are form-encoded as stripe-java sends them; responses are Stripe's own fixture
 * objects ({@code fixtures3.json}, API version 2026-07-29.dahlia) with the values filled in.
 * <p>
 * Stateful where it matters: the same {@code Idempotency-Key} on the same path answers the first
 * response again (no second PaymentIntent), or a 400 {@code idempotency_error} when the parameters differ,
 * as Stripe does; a PaymentIntent can be moved to {@code succeeded}, {@code processing} or a failed attempt
 * ({@link #succeed}, {@link #fail}, {@link #markProcessing}); refunds are limited to what was captured, can
 * be made behind the shop's back ({@link #refundInDashboard}) or fail later ({@link #failRefund}), and are
 * listed by PaymentIntent; a response can be lost after the request was carried out ({@link #loseResponses}). Tests assert on the requests through WireMock's
 * journal ({@link #server()}) and may add stubs with a higher priority (a 500, say) in front of the
 * stateful default.
 * <p>
 * One per JVM ({@link #shared()}), started on first use on a free port of 127.0.0.1.
 */
public final class StripeStandIn {

    private static final Logger log = LoggerFactory.getLogger(StripeStandIn.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TRANSFORMER = "stripe-stand-in";
    private static final Pattern INTENT = Pattern.compile("/v1/payment_intents/([^/]+)");
    private static final Pattern CANCEL = Pattern.compile("/v1/payment_intents/([^/]+)/cancel");
    private static final Pattern CHARGE = Pattern.compile("/v1/charges/([^/]+)");
    private static final Pattern DISPUTE = Pattern.compile("/v1/disputes/([^/]+)");

    private static StripeStandIn shared;

    private final ObjectNode fixtures;
    private final WireMockServer server;
    private final Map<String, Intent> intents = new LinkedHashMap<>();
    private final Map<String, Charge> charges = new HashMap<>();
    private final Map<String, ObjectNode> refunds = new LinkedHashMap<>();
    private final Map<String, ObjectNode> disputes = new HashMap<>();
    private final Map<String, Remembered> idempotent = new HashMap<>();
    private final List<LostResponses> lost = new ArrayList<>();

    private StripeStandIn() {
        this.fixtures = loadFixtures();
        this.server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(16)
                .maxRequestJournalEntries(2000)
                .notifier(new Slf4jNotifier(false))
                .extensions(new Transformer()));
        server.start();
        server.stubFor(any(urlPathMatching("/v1/.*")).atPriority(100)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
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
        return newIntent(amount, currency.toLowerCase(Locale.ROOT), metadata, null).id;
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
            Charge charge = new Charge("ch_" + token(24), intent.id, intent.amount, intent.currency);
            charges.put(charge.id, charge);
            intent.latestCharge = charge.id;
        }
        return intentJson(intent);
    }

    /** An attempt failed: back to {@code requires_payment_method} with the decline as last error. */
    public synchronized ObjectNode fail(String paymentIntentId, String message) {
        Intent intent = intent(paymentIntentId);
        if (intent.status.equals("succeeded") || intent.status.equals("canceled")) {
            throw new IllegalStateException(paymentIntentId + " is " + intent.status + "; it can no longer fail");
        }
        intent.status = "requires_payment_method";
        intent.lastError = message;
        return intentJson(intent);
    }

    public synchronized ObjectNode markProcessing(String paymentIntentId) {
        Intent intent = intent(paymentIntentId);
        intent.status = "processing";
        return intentJson(intent);
    }

    /** The PaymentIntent as Stripe would render it now. */
    public synchronized ObjectNode intentJson(String paymentIntentId) {
        return intentJson(intent(paymentIntentId));
    }

    /** The PaymentIntent's charge as Stripe would render it now (it must have succeeded). */
    public synchronized ObjectNode chargeJson(String paymentIntentId) {
        Intent intent = intent(paymentIntentId);
        if (intent.latestCharge == null) {
            throw new IllegalStateException(paymentIntentId + " has no charge yet");
        }
        return chargeJson(charges.get(intent.latestCharge));
    }

    /** A refund made behind the shop's back (in Stripe's dashboard, say): the charge's refunded amount grows. */
    public synchronized ObjectNode refundInDashboard(String paymentIntentId, long amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("payment_intent", paymentIntentId);
        form.put("amount", Long.toString(amount));
        Answer answer = refund(form);
        if (answer.status != 200) {
            throw new IllegalStateException("The stand-in refused the refund: " + answer.body);
        }
        return (ObjectNode) JSON.readTree(answer.body);
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
        lost.add(new LostResponses(method, path, bodyContains, times));
    }

    /** The bank disputes the PaymentIntent's charge. */
    public synchronized ObjectNode openDispute(String paymentIntentId) {
        Intent intent = intent(paymentIntentId);
        ObjectNode dispute = fixture("dispute");
        String id = "dp_" + token(24);
        dispute.put("id", id);
        dispute.put("amount", intent.amount);
        dispute.put("currency", intent.currency);
        dispute.put("charge", intent.latestCharge);
        dispute.put("payment_intent", intent.id);
        dispute.put("created", Instant.now().getEpochSecond());
        dispute.put("status", "needs_response");
        disputes.put(id, dispute);
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

    public static String json(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    // ------------------------------------------------------------------------------------------------
    // the wire side

    private synchronized Answer answer(Request request) {
        String[] url = request.getUrl().split("\\?", 2);
        String path = url[0];
        String method = request.getMethod().getName();
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer sk_")) {
            return error(401, "invalid_request_error", null, "You did not provide an API key.");
        }
        String key = request.getHeader("Idempotency-Key");
        if (key != null && key.length() > 255) {
            return error(400, "invalid_request_error", null, "Idempotency keys can be at most 255 characters long.");
        }
        String body = request.getBodyAsString();
        Map<String, String> form = parseForm("GET".equals(method) && url.length > 1 ? url[1] : body);
        Answer answer;
        Remembered first = "POST".equals(method) && key != null ? idempotent.get(path + " " + key) : null;
        if (first != null) {
            // Stripe answers a repeated key with the first response, and refuses other parameters under it
            answer = first.form().equals(form) ? first.answer()
                    : error(400, "idempotency_error", null, "Keys for idempotent requests can only be used with the"
                            + " same parameters they were first used with. Try using a key other than '" + key
                            + "' if you meant to execute a different request.");
        } else {
            answer = route(method, path, form);
            if ("POST".equals(method) && key != null && answer.status < 500) {
                idempotent.put(path + " " + key, new Remembered(form, answer));
            }
        }
        for (LostResponses rule : lost) {
            if (rule.matches(method, path, body) && rule.remaining > 0) {
                rule.remaining--;
                return error(500, "api_error", null, "The response was lost on its way back (stand-in).");
            }
        }
        return answer;
    }

    private Answer route(String method, String path, Map<String, String> form) {
        Matcher matcher;
        if ("POST".equals(method) && path.equals("/v1/payment_intents")) {
            return createIntent(form);
        }
        if ("POST".equals(method) && (matcher = CANCEL.matcher(path)).matches()) {
            return cancel(matcher.group(1));
        }
        if ("GET".equals(method) && (matcher = INTENT.matcher(path)).matches()) {
            Intent intent = intents.get(matcher.group(1));
            return intent == null ? missing("payment_intent", matcher.group(1)) : ok(intentJson(intent));
        }
        if ("POST".equals(method) && path.equals("/v1/refunds")) {
            return refund(form);
        }
        if ("GET".equals(method) && path.equals("/v1/refunds")) {
            return refundList(form.get("payment_intent"));
        }
        if ("GET".equals(method) && (matcher = CHARGE.matcher(path)).matches()) {
            Charge charge = charges.get(matcher.group(1));
            return charge == null ? missing("charge", matcher.group(1)) : ok(chargeJson(charge));
        }
        if ("GET".equals(method) && (matcher = DISPUTE.matcher(path)).matches()) {
            ObjectNode dispute = disputes.get(matcher.group(1));
            return dispute == null ? missing("dispute", matcher.group(1)) : ok(dispute);
        }
        return error(404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path
                + "). The Stripe stand-in does not implement it.");
    }

    private Answer createIntent(Map<String, String> form) {
        String amount = form.get("amount");
        String currency = form.get("currency");
        if (amount == null || !amount.matches("\\d+") || Long.parseLong(amount) < 1) {
            return error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + amount);
        }
        if (currency == null || !currency.matches("[a-z]{3}")) {
            return error(400, "invalid_request_error", "parameter_missing", "Missing required param: currency.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.put(name.substring(9, name.length() - 1), value);
            }
        });
        Intent intent = newIntent(Long.parseLong(amount), currency, metadata, form.get("receipt_email"));
        intent.automaticPaymentMethods = "true".equals(form.get("automatic_payment_methods[enabled]"));
        return ok(intentJson(intent));
    }

    private Intent newIntent(long amount, String currency, Map<String, String> metadata, String receiptEmail) {
        Intent intent = new Intent();
        intent.id = "pi_" + token(24);
        intent.clientSecret = intent.id + "_secret_" + token(25);
        intent.amount = amount;
        intent.currency = currency;
        intent.metadata = metadata;
        intent.receiptEmail = receiptEmail;
        intent.status = "requires_payment_method";
        intent.created = Instant.now().getEpochSecond();
        intents.put(intent.id, intent);
        return intent;
    }

    private Answer cancel(String id) {
        Intent intent = intents.get(id);
        if (intent == null) {
            return missing("payment_intent", id);
        }
        if (intent.status.equals("succeeded") || intent.status.equals("canceled")
                || intent.status.equals("processing")) {
            return error(400, "invalid_request_error", "payment_intent_unexpected_state",
                    "You cannot cancel this PaymentIntent because it has a status of " + intent.status + ".");
        }
        intent.status = "canceled";
        intent.canceledAt = Instant.now().getEpochSecond();
        return ok(intentJson(intent));
    }

    private Answer refund(Map<String, String> form) {
        Intent intent = intents.get(form.get("payment_intent"));
        if (intent == null) {
            return missing("payment_intent", form.get("payment_intent"));
        }
        if (!intent.status.equals("succeeded")) {
            return error(400, "invalid_request_error", "charge_not_refundable",
                    "This PaymentIntent does not have a successful charge to refund.");
        }
        Charge charge = charges.get(intent.latestCharge);
        long refundable = charge.captured - charge.refunded;
        long amount = form.get("amount") == null ? refundable : Long.parseLong(form.get("amount"));
        if (amount < 1 || amount > refundable) {
            return error(400, "invalid_request_error", "amount_too_large", "Refund amount (" + amount
                    + ") is greater than unrefunded amount on charge (" + refundable + ")");
        }
        charge.refunded += amount;
        ObjectNode refund = fixture("refund");
        refund.put("id", "re_" + token(24));
        refund.put("amount", amount);
        refund.put("charge", charge.id);
        refund.put("currency", intent.currency);
        refund.put("payment_intent", intent.id);
        refund.put("created", Instant.now().getEpochSecond());
        refund.put("status", "succeeded");
        refund.put("reason", form.get("reason"));
        ObjectNode metadata = refund.putObject("metadata");
        form.forEach((name, value) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.put(name.substring(9, name.length() - 1), value);
            }
        });
        refunds.put(refund.get("id").asString(), refund);
        return ok(refund);
    }

    private Answer refundList(String paymentIntentId) {
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        var data = list.putArray("data");
        List<ObjectNode> newestFirst = new ArrayList<>(refunds.values());
        java.util.Collections.reverse(newestFirst);
        newestFirst.stream()
                .filter(refund -> paymentIntentId == null || paymentIntentId.equals(refund.get("payment_intent").asString()))
                .forEach(refund -> data.add(refund.deepCopy()));
        list.put("has_more", false);
        list.put("url", "/v1/refunds");
        return ok(list);
    }

    private ObjectNode intentJson(Intent intent) {
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

    private ObjectNode chargeJson(Charge charge) {
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

    private Intent intent(String id) {
        Intent intent = intents.get(id);
        if (intent == null) {
            throw new IllegalArgumentException("The stand-in has no PaymentIntent " + id);
        }
        return intent;
    }

    private ObjectNode fixture(String name) {
        return (ObjectNode) fixtures.get("resources").get(name).deepCopy();
    }

    private static Answer ok(ObjectNode body) {
        return new Answer(200, JSON.writeValueAsString(body));
    }

    private static Answer missing(String object, String id) {
        return error(404, "invalid_request_error", "resource_missing", "No such " + object + ": '" + id + "'");
    }

    private static Answer error(int status, String type, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        return new Answer(status, JSON.writeValueAsString(body));
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static ObjectNode loadFixtures() {
        try (InputStream in = StripeStandIn.class.getResourceAsStream("fixtures3.json")) {
            if (in == null) {
                throw new IllegalStateException("fixtures3.json is missing from the test classpath");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(int length) {
        StringBuilder token = new StringBuilder();
        while (token.length() < length) {
            token.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return token.substring(0, length);
    }

    /** Forgets the requests received so far (the state of PaymentIntents stays). */
    public void resetRequests() {
        server.resetRequests();
    }

    /** Requests the stand-in answered for a path, oldest first (the journal, not the stubs). */
    public List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests(String method, String path) {
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> found = new ArrayList<>(server.findAll(
                new com.github.tomakehurst.wiremock.matching.RequestPatternBuilder(
                        com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method),
                        WireMock.urlPathEqualTo(path))));
        found.sort(java.util.Comparator.comparing(com.github.tomakehurst.wiremock.verification.LoggedRequest::getLoggedDate));
        return found;
    }

    private record Answer(int status, String body) {
    }

    private record Remembered(Map<String, String> form, Answer answer) {
    }

    private static final class LostResponses {
        final String method;
        final String path;
        final String bodyContains;
        int remaining;

        LostResponses(String method, String path, String bodyContains, int remaining) {
            this.method = method;
            this.path = path;
            this.bodyContains = bodyContains;
            this.remaining = remaining;
        }

        boolean matches(String method, String path, String body) {
            return this.method.equals(method) && this.path.equals(path) && body != null && body.contains(bodyContains);
        }
    }

    private static final class Intent {
        String id;
        String clientSecret;
        long amount;
        long amountReceived;
        String currency;
        Map<String, String> metadata;
        String receiptEmail;
        String status;
        String latestCharge;
        String lastError;
        Long canceledAt;
        long created;
        boolean automaticPaymentMethods;
    }

    private static final class Charge {
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

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Answer answer = answer(serveEvent.getRequest());
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
                    .withStatus(answer.status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_" + token(14))
                    .withHeader("Stripe-Version", "2026-07-29.dahlia")
                    .withBody(answer.body)
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }
}
