package com.example.shop.docs;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every operation of the published description ({@code /v3/api-docs}) fed the same bad input, derived from what
 * the description says it takes: wildcard, missing and unparsable content types, duplicate keys, the wrong JSON
 * type, deep nesting, lone surrogates, NULs and control characters in every string field, huge and fractional
 * numbers in every number field, broken percent-encoding and huge numbers in every query parameter, a malformed
 * value in every path variable. Every answer is a 4xx {@code application/problem+json} (never a 500), and no table
 * holds a row more afterwards.
 * <p>
 * {@link #COVERED} lists the operations whose answers were looked at: an operation added to the API fails this
 * test until it is added there (after its bad-input answers are right), so none goes unprobed.
 */
@IntegrationTest
class EveryOperationBadInputTests {

    /** The documented operations this test has been checked against. */
    static final Set<String> COVERED = Set.of(
            "DELETE /api/admin/categories/{id}",
            "DELETE /api/admin/discount-codes/{code}",
            "DELETE /api/admin/products/{id}",
            "DELETE /api/admin/products/{id}/images/{imageId}",
            "DELETE /api/admin/shipping-methods/{code}",
            "DELETE /api/admin/tax-rates/{country}",
            "DELETE /api/carts/{id}/items/{itemId}",
            "DELETE /api/customers/me/addresses/{id}",
            "GET /api/admin/customers",
            "GET /api/admin/customers/{id}",
            "GET /api/admin/discount-codes",
            "GET /api/admin/discount-codes/{code}",
            "GET /actuator/health",
            "GET /actuator/health/liveness",
            "GET /actuator/health/readiness",
            "GET /livez",
            "GET /readyz",
            "GET /api/admin/orders",
            "GET /api/admin/products/{id}",
            "GET /api/admin/products/{id}/stock",
            "GET /api/admin/shipping-methods",
            "GET /api/admin/shipping-methods/{code}",
            "GET /api/admin/tax-rates",
            "GET /api/admin/tax-rates/{country}",
            "GET /api/carts/mine",
            "GET /api/carts/{id}",
            "GET /api/categories",
            "GET /api/customers/me",
            "GET /api/customers/me/addresses",
            "GET /api/customers/me/addresses/{id}",
            "GET /api/orders",
            "GET /api/orders/{id}",
            "GET /api/orders/{id}/payment",
            "GET /api/payments/config",
            "GET /api/products",
            "GET /api/products/{idOrSlug}",
            "GET /api/shipping-methods",
            "PATCH /api/carts/{id}/items/{itemId}",
            "POST /api/admin/categories",
            "POST /api/admin/discount-codes",
            "POST /api/admin/orders/{id}/refunds",
            "POST /api/admin/orders/{id}/ship",
            "POST /api/admin/products",
            "POST /api/admin/shipping-methods",
            "POST /api/auth/login",
            "POST /api/auth/logout",
            "POST /api/auth/password-reset",
            "POST /api/auth/password-reset/confirm",
            "POST /api/auth/refresh",
            "POST /api/auth/register",
            "POST /api/carts",
            "POST /api/carts/mine/merge",
            "POST /api/carts/{id}/items",
            "POST /api/checkout",
            "POST /api/checkout/quote",
            "POST /api/customers/me/addresses",
            "POST /api/orders/{id}/cancel",
            "POST /api/orders/{id}/events/ticket",
            "POST /api/admin/products/{id}/images",
            "GET /api/images/{key}",
            "GET /api/orders/{id}/events",
            "PUT /api/admin/products/{id}/variants/{variantId}/stock",
            "POST /api/orders/claim",
            "POST /api/payments/stripe/webhook",
            "PUT /api/admin/categories/{id}",
            "PUT /api/admin/discount-codes/{code}",
            "PUT /api/admin/products/{id}",
            "PUT /api/admin/products/{id}/stock",
            "PUT /api/admin/shipping-methods/{code}",
            "PUT /api/admin/tax-rates/{country}",
            "PUT /api/customers/me",
            "PUT /api/customers/me/addresses/{id}");

    /** Tables that record attempts rather than things (none may grow from a refused request either). */
    private static final Set<String> NOT_COUNTED = Set.of("databasechangelog", "databasechangeloglock");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    final List<String> failures = new ArrayList<>();
    int probes;

    @Test
    void everyOperationAnswersBadInputWithA4xxProblemAndStoresNothing() throws Exception {
        JsonNode document = json.readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
                .getContentAsString());
        Map<String, JsonNode> operations = operations(document);
        assertThat(new TreeSet<>(operations.keySet())).as("documented operations not yet covered by this test: "
                + "check their bad-input answers, then add them to COVERED").isSubsetOf(COVERED);

        Map<String, Long> before = rowCounts();
        for (Map.Entry<String, JsonNode> operation : operations.entrySet()) {
            probe(operation.getKey(), operation.getValue(), document);
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertThat(probes).isGreaterThan(operations.size() * 3);
        assertThat(rowCounts()).as("rows in every table after %d refused requests", probes).isEqualTo(before);
    }

    private void probe(String key, JsonNode operation, JsonNode document) throws Exception {
        HttpMethod method = HttpMethod.valueOf(key.substring(0, key.indexOf(' ')));
        String template = key.substring(key.indexOf(' ') + 1);
        String token = bearer(operation) ? (template.startsWith("/api/admin") ? Tokens.admin() : Tokens.customer())
                : null;
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<JsonNode> queryParameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asString();
            switch (parameter.path("in").asString()) {
                case "path" -> pathValues.put(name, UUID.randomUUID().toString());
                case "query" -> queryParameters.add(parameter);
                default -> { }
            }
        }
        String path = fill(template, pathValues);
        boolean takesBody = operation.has("requestBody");

        // a malformed value in each path variable
        for (String variable : pathValues.keySet()) {
            Map<String, String> malformed = new LinkedHashMap<>(pathValues);
            malformed.put(variable, "123");
            send(key, method, fill(template, malformed), token, takesBody ? MediaType.APPLICATION_JSON_VALUE : null,
                    takesBody ? "{}" : null);
        }
        // a query parameter the operation does not read, broken, as the container would meet it
        send(key, method, path + "?unread=%FF", token, null, null);
        // broken percent-encoding, NUL, huge numbers in each query parameter
        for (JsonNode parameter : queryParameters) {
            String name = parameter.path("name").asString();
            List<String> values = new ArrayList<>(List.of("%FF", "%ED%A0%80", "a%", "%00", "a%0Db"));
            if (Set.of("integer", "number").contains(parameter.at("/schema/type").asString())) {
                // one past the largest value of the declared format, and far past any
                values.add("int64".equals(parameter.at("/schema/format").asString()) ? "9223372036854775808"
                        : "2147483648");
                values.addAll(List.of("99999999999999999999999", "1e400", "1.5", "abc"));
            }
            for (String value : values) {
                send(key, method, path + "?" + name + "=" + value, token, null, null);
            }
        }
        if (!takesBody) {
            return;
        }
        // content types the operation does not take
        for (String contentType : List.of("*/*", "application/*", "text/plain", "application/x-www-form-urlencoded",
                "nonsense")) {
            send(key, method, path, token, contentType, "{}");
        }
        send(key, method, path, token, null, "{}");
        // JSON the operation cannot take
        List<String> bodies = new ArrayList<>(List.of("", "{", "{\"a\": 1, \"a\": 2}", "[]", "\"text\"", "42", "null",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        JsonNode schema = resolve(operation.at("/requestBody/content/application~1json/schema"), document);
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode type = resolve(property.getValue(), document);
            String kind = type.path("type").asString("object");
            bodies.add(body(schema, name, "{\"__nested\": [1, {\"x\": 2}]}"));
            bodies.add(body(schema, name, "[]"));
            if (kind.equals("string")) {
                for (String text : List.of("\"\\ud800\"", "\"a\\udfffb\"", "\"a\\u0000b\"", "\"\\u001b[2J\"",
                        "\"\\u0085\"", "\"" + "x".repeat(300_000) + "\"")) {
                    bodies.add(body(schema, name, text));
                }
                bodies.add(body(schema, name, "{\"k\": 1}"));
            } else if (Set.of("integer", "number").contains(kind)) {
                for (String number : List.of("2147483648", "99999999999999999999999", "1e400", "-1e400", "1.5",
                        "\"12\"", "true")) {
                    bodies.add(body(schema, name, number));
                }
            } else {
                bodies.add(body(schema, name, "\"\\u0000\""));
                bodies.add(body(schema, name, "true"));
            }
        }
        for (String body : bodies) {
            send(key, method, path, token, MediaType.APPLICATION_JSON_VALUE, body);
        }
    }

    /** An object with the schema's required properties plain and valid-looking, and the one property bad. */
    private static String body(JsonNode schema, String bad, String value) {
        StringBuilder body = new StringBuilder("{");
        for (JsonNode required : schema.path("required")) {
            String name = required.asString();
            if (!name.equals(bad)) {
                body.append('"').append(name).append("\": \"x\", ");
            }
        }
        return body.append('"').append(bad).append("\": ").append(value).append('}').toString();
    }

    private void send(String key, HttpMethod method, String path, String token, String contentType, String body)
            throws Exception {
        probes++;
        int question = path.indexOf('?');
        String query = question < 0 ? null : path.substring(question + 1);
        MockHttpServletRequestBuilder request = request(method, URI.create(question < 0 ? path
                : path.substring(0, question)))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .with(raw -> {
                    // the query as a client sent it, broken escapes included (java.net.URI refuses those)
                    raw.setQueryString(query);
                    if (query != null) {
                        for (String pair : query.split("&")) {
                            String[] nameValue = pair.split("=", 2);
                            try {
                                raw.addParameter(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                                        URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "",
                                                StandardCharsets.UTF_8));
                            } catch (IllegalArgumentException undecodable) {
                                // as the container: the parameter cannot be read at all
                            }
                        }
                    }
                    return raw;
                });
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, token);
        }
        if (contentType != null) {
            request.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        if (body != null) {
            request.content(body);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        String type = response.getContentType();
        boolean problem = type != null
                && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type));
        if (response.getStatus() < 400 || response.getStatus() >= 500 || !problem) {
            String shown = body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "..." : body;
            failures.add(key + ": " + method + " " + path + " [" + contentType + "] " + shown + " -> "
                    + response.getStatus() + " " + type + " " + response.getContentAsString());
        }
    }

    private Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().startsWith("/dev/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (Set.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                    operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
        return operations;
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : jdbc.queryForList("select table_name from information_schema.tables "
                + "where table_schema = database() and table_type = 'BASE TABLE'", String.class)) {
            if (!NOT_COUNTED.contains(table.toLowerCase())) {
                counts.put(table, jdbc.queryForObject("select count(*) from `" + table + "`", Long.class));
            }
        }
        return counts;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        JsonNode current = schema;
        for (int i = 0; i < 5 && current.has("$ref"); i++) {
            current = document.at(current.path("$ref").asString().substring(1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(current.path("allOf").get(0), document);
        }
        return current;
    }

    private static boolean bearer(JsonNode operation) {
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has("bearerAuth")) {
                return true;
            }
        }
        return false;
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }
}
