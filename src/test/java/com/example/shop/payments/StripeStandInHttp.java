package com.example.shop.payments;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.databind.node.ObjectNode;

import com.example.shop.payments.StripeStandIn.Refusal;

/**
 * The {@link StripeStandIn}'s wire side: Stripe's HTTP API as stripe-java calls it. Requests are
 * form-encoded as stripe-java sends them and need a {@code Bearer sk_...} key. The same
 * {@code Idempotency-Key} on the same path answers the first response again (no second PaymentIntent), or a
 * 400 {@code idempotency_error} when the parameters differ, as Stripe does; keys longer than 255 characters
 * are refused. Responses chosen to be lost ({@link #loseResponses}) are carried out and answered with a 500.
 */
final class StripeStandInHttp {

    static final String TRANSFORMER = "stripe-stand-in";

    private static final Pattern INTENT = Pattern.compile("/v1/payment_intents/([^/]+)");
    private static final Pattern CANCEL = Pattern.compile("/v1/payment_intents/([^/]+)/cancel");
    private static final Pattern CHARGE = Pattern.compile("/v1/charges/([^/]+)");
    private static final Pattern DISPUTE = Pattern.compile("/v1/disputes/([^/]+)");

    private final StripeStandIn stripe;
    private final Map<String, Remembered> idempotent = new HashMap<>();
    private final List<LostResponses> lost = new ArrayList<>();

    StripeStandInHttp(StripeStandIn stripe) {
        this.stripe = stripe;
    }

    ResponseDefinitionTransformerV2 transformer() {
        return new Transformer();
    }

    /** The caller holds the stand-in's lock. */
    void loseResponses(String method, String path, String bodyContains, int times) {
        lost.add(new LostResponses(method, path, bodyContains, times));
    }

    private Answer answer(Request request) {
        synchronized (stripe) {
            String[] url = request.getUrl().split("\\?", 2);
            String path = url[0];
            String method = request.getMethod().getName();
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer sk_")) {
                return error(401, "invalid_request_error", null, "You did not provide an API key.");
            }
            String key = request.getHeader("Idempotency-Key");
            if (key != null && key.length() > 255) {
                return error(400, "invalid_request_error", null,
                        "Idempotency keys can be at most 255 characters long.");
            }
            String body = request.getBodyAsString();
            Map<String, String> form = parseForm("GET".equals(method) && url.length > 1 ? url[1] : body);
            Answer answer;
            Remembered first = "POST".equals(method) && key != null ? idempotent.get(path + " " + key) : null;
            if (first != null) {
                // Stripe answers a repeated key with the first response, and refuses other parameters under it
                answer = first.form().equals(form) ? first.answer()
                        : error(400, "idempotency_error", null, "Keys for idempotent requests can only be used with"
                                + " the same parameters they were first used with. Try using a key other than '" + key
                                + "' if you meant to execute a different request.");
            } else {
                answer = routeOrRefuse(method, path, form);
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
    }

    private Answer routeOrRefuse(String method, String path, Map<String, String> form) {
        try {
            return ok(route(method, path, form));
        } catch (Refusal refusal) {
            return error(refusal.status, refusal.type, refusal.code, refusal.getMessage());
        }
    }

    private ObjectNode route(String method, String path, Map<String, String> form) {
        Matcher matcher;
        if ("POST".equals(method) && path.equals("/v1/payment_intents")) {
            return createIntent(form);
        }
        if ("POST".equals(method) && (matcher = CANCEL.matcher(path)).matches()) {
            return stripe.cancel(matcher.group(1));
        }
        if ("GET".equals(method) && (matcher = INTENT.matcher(path)).matches()) {
            String id = matcher.group(1);
            return stripe.findIntent(id).orElseThrow(() -> Refusal.missing("payment_intent", id));
        }
        if ("POST".equals(method) && path.equals("/v1/refunds")) {
            return stripe.refund(form.get("payment_intent"),
                    form.get("amount") == null ? null : Long.parseLong(form.get("amount")), form.get("reason"),
                    metadata(form));
        }
        if ("GET".equals(method) && path.equals("/v1/refunds")) {
            return stripe.refundList(form.get("payment_intent"));
        }
        if ("GET".equals(method) && (matcher = CHARGE.matcher(path)).matches()) {
            String id = matcher.group(1);
            return stripe.findCharge(id).orElseThrow(() -> Refusal.missing("charge", id));
        }
        if ("GET".equals(method) && (matcher = DISPUTE.matcher(path)).matches()) {
            String id = matcher.group(1);
            return stripe.findDispute(id).orElseThrow(() -> Refusal.missing("dispute", id));
        }
        throw new Refusal(404, "invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path
                + "). The Stripe stand-in does not implement it.");
    }

    private ObjectNode createIntent(Map<String, String> form) {
        String amount = form.get("amount");
        String currency = form.get("currency");
        if (amount == null || !amount.matches("\\d+") || Long.parseLong(amount) < 1) {
            throw new Refusal(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + amount);
        }
        if (currency == null || !currency.matches("[a-z]{3}")) {
            throw new Refusal(400, "invalid_request_error", "parameter_missing", "Missing required param: currency.");
        }
        return stripe.create(Long.parseLong(amount), currency, metadata(form), form.get("receipt_email"),
                "true".equals(form.get("automatic_payment_methods[enabled]")));
    }

    /** {@code metadata[key]=value} pairs of a form. */
    private static Map<String, String> metadata(Map<String, String> form) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.put(name.substring(9, name.length() - 1), value);
            }
        });
        return metadata;
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

    private static Answer ok(ObjectNode body) {
        return new Answer(200, StripeStandIn.json(body));
    }

    private static Answer error(int status, String type, String code, String message) {
        return new Answer(status, StripeStandIn.json(StripeObjects.error(type, code, message)));
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

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Answer answer = answer(serveEvent.getRequest());
            // WireMock delays the answer as the transformed definition says: a stub's delay (slowDown) is kept
            return new ResponseDefinitionBuilder()
                    .withFixedDelay(serveEvent.getResponseDefinition().getFixedDelayMilliseconds())
                    .withStatus(answer.status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_" + StripeObjects.token(14))
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
