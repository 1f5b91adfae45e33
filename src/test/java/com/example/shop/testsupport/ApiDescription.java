package com.example.shop.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The application's own description ({@code /v3/api-docs}) as a check on its answers: every response a test
 * receives must have a status its operation declares, a content type declared for that status, a body that
 * matches that schema, and no member the schema does not declare (Atlassian's
 * {@code swagger-request-validator}). A response that does not is an {@link AssertionError} naming the
 * operation and what the validator found, so a change of the API that the description does not follow (or the
 * other way round) fails the test that saw it.
 * <p>
 * Only responses are checked: requests are the tests' own, often wrong on purpose.
 * <p>
 * Not checked, each for its reason ({@link #checks}):
 * <ul>
 * <li>{@code /dev/**}: the dev run's test-scope helpers (Stripe trigger, captured mail), not part of the API;</li>
 * <li>{@code /v3/api-docs}, {@code /swagger-ui}: the description itself and its viewer;</li>
 * <li>{@code /api/test-probe/**}: controllers only tests register, to make each exception happen; the tests that
 * use them assert each problem's members themselves;</li>
 * <li>{@code /actuator/**} but the documented health answers: Actuator's own endpoints, described by Actuator;</li>
 * <li>the order stream's body ({@code text/event-stream}): not JSON, but a series of events (each the order's
 * JSON), read by the stream's own tests;</li>
 * <li>image bytes ({@code image/*}): the description says only that they are binary;</li>
 * <li>a path or method the description does not have: no operation to check against (see {@link #of}).</li>
 * </ul>
 */
public final class ApiDescription {

    /** The description's path, excluded from the checks: it is what they are checked against. */
    public static final String PATH = "/v3/api-docs";

    private final OpenApiInteractionValidator validator;

    private ApiDescription(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** The description as {@code /v3/api-docs} wrote it (JSON). */
    public static ApiDescription of(String json) {
        return new ApiDescription(OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(json))
                .withLevelResolver(LevelResolver.create()
                        // requests are not validated (see above); only their path and method pick the operation
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        // a path or method the description lacks has no operation to check the answer against:
                        // OpenApiCompletenessTests holds every controller mapping to the description, so such a
                        // request is a probe of the framework's own answers (an unknown route's 404, the admin
                        // route rule's 403, a CORS preflight)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                        // an undeclared member of a response object is an error (the library injects
                        // additionalProperties: false into every object schema that does not set it; the
                        // Problem schema allows more members on purpose)
                        .withLevel("validation.response.body.schema.additionalProperties",
                                ValidationReport.Level.ERROR)
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        .build())
                .build());
    }

    /** Whether answers to this path and of this content type are checked (see the class comment for why not). */
    public static boolean checks(String path, String contentType) {
        if (path.startsWith("/dev/") || path.startsWith(PATH) || path.startsWith("/swagger-ui")
                || path.startsWith("/api/test-probe/") || path.equals("/api/test-probe")) {
            return false;
        }
        if (path.startsWith("/actuator/") && !path.startsWith("/actuator/health")) {
            return false;
        }
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT);
            return !type.startsWith("text/event-stream") && !type.startsWith("image/");
        }
        return true;
    }

    /**
     * Fails when the response is not one the description allows for this request.
     *
     * @param method the request's method
     * @param path the request's path, without query
     * @param headers the response's headers
     */
    public void assertMatches(String method, String path, int status, String contentType,
            Map<String, List<String>> headers, String body) {
        if (!checks(path, contentType)) {
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator.validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
        if (report.hasErrors()) {
            throw new AssertionError("The answer to " + method + " " + path + " (" + status + " " + contentType
                    + ") is not what /v3/api-docs describes:\n"
                    + report.getMessages().stream()
                            .map(message -> "  - " + message.getKey() + ": " + message.getMessage())
                            .collect(Collectors.joining("\n"))
                    + "\n  body: " + abbreviate(body));
        }
    }

    /**
     * The same description in OpenAPI 3.0's words. springdoc writes 3.1; the validator checks bodies with a JSON
     * Schema draft 4 validator over swagger-core's 3.0 model, which drops 3.1's type lists ({@code ["string",
     * "null"]}): every member would then go unchecked for its type. So the type lists become a type and
     * {@code nullable}, numeric exclusive bounds 3.0's boolean ones, {@code const} a one-value {@code enum}; no
     * library does this translation, and every constraint survives it.
     */
    static String asOpenApi30(String json) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode document = (ObjectNode) mapper.readTree(json);
        if (document.get("paths") instanceof ObjectNode paths) {
            // what is never checked is not read either: a test probe may be broken on purpose (a misrouted path)
            List<String> unchecked = new ArrayList<>();
            paths.propertyNames().forEach(path -> {
                if (!checks(path, null)) {
                    unchecked.add(path);
                }
            });
            unchecked.forEach(paths::remove);
        }
        if (document.path("openapi").asString("").startsWith("3.1")) {
            document.put("openapi", "3.0.3");
            downgrade(document);
        }
        return mapper.writeValueAsString(document);
    }

    private static void downgrade(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(ApiDescription::downgrade);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (object.get("type") instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(type -> named.add(type.asString()));
            object.remove("type");
            if (named.remove("null") && !named.isEmpty()) {
                object.put("nullable", true);
            }
            if (named.isEmpty()) {
                object.put("type", "null"); // "or null" beside another schema (oneOf): JSON Schema's own type
            } else if (named.size() == 1) {
                object.put("type", named.get(0));
            }
        }
        for (String bound : List.of("exclusiveMinimum", "exclusiveMaximum")) {
            JsonNode value = object.get(bound);
            if (value != null && value.isNumber()) {
                object.set(bound.equals("exclusiveMinimum") ? "minimum" : "maximum", value);
                object.put(bound, true);
            }
        }
        if (object.has("const") && !object.get("const").isObject()) {
            object.set("enum", object.arrayNode().add(object.remove("const")));
        }
        if (object.get("examples") instanceof ArrayNode) {
            object.remove("examples"); // 3.1's list of schema examples; documentation only
        }
        object.forEach(ApiDescription::downgrade);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(none)";
        }
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }
}
