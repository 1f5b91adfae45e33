package com.example.shop.shared.web;

import java.lang.annotation.Annotation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Makes {@code /v3/api-docs} say what the API does, from the same annotations that validate and route, so that
 * a client generated from it or a validating proxy agrees with the server:
 * <ul>
 * <li>a {@code @Pattern} is matched against the whole value (Bean Validation's rule), so the description's
 * pattern is anchored ({@code ^...$}), as JSON Schema matches anywhere otherwise;</li>
 * <li>{@code @NotBlank}/{@code @NotEmpty} text has {@code minLength} 1 at least (a {@code @Size} beside it
 * would otherwise state 0);</li>
 * <li>a member written even when null ({@code @JsonInclude(ALWAYS)}) or declared {@code @Nullable} is nullable
 * (a member of another schema's type: one of that schema or null);</li>
 * <li>every operation declares the 400 of malformed input (one without parameters: of an undecodable query
 * string), every one that reads a body the
 * 415 of another media type and the 413 of a body over its cap ({@link RequestSyntax}, {@link RequestBodyLimit},
 * {@link ExceptionTranslator}), and every one but the health
 * answers the 503 of a database outage;</li>
 * <li>every operation under {@code /api/} declares the 403 of a cross-origin request that CORS refuses;</li>
 * <li>every operation under {@code /api/admin/} states the role it needs, in its description, its 403 and an
 * {@code x-required-role} member (the route rule in {@code SecurityConfiguration} is the source).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ApiDescriptionRules {

    static final String ADMIN_PATHS = "/api/admin/";
    static final String ADMIN_ROLE = "ADMIN";
    static final String CORS_PATHS = "/api/";
    private static final String CROSS_ORIGIN_REFUSED = "A browser's request from an origin that is not allowed "
            + "(origin-not-allowed; shop.cors.allowed-origins), or its preflight for a method or headers that are "
            + "not (cors-not-allowed)";
    private static final String NOT_BLANK = "x-shop-not-blank";
    private static final String UNAVAILABLE = "The database cannot be reached or the server is busy "
            + "(database-unavailable, busy): send the request again after Retry-After";

    @Bean
    PropertyCustomizer constraintsAsValidated() {
        return (property, type) -> {
            Annotation[] annotations = type.getCtxAnnotations();
            if (annotations == null) {
                return property;
            }
            for (Annotation annotation : annotations) {
                if ((annotation instanceof NotBlank || annotation instanceof NotEmpty)
                        && "string".equals(typeOf(property))) {
                    // springdoc writes a @Size beside it (minLength 0) after this runs: settled in the last pass
                    property.addExtension(NOT_BLANK, true);
                }
                if ((annotation instanceof JsonInclude include && include.value() == JsonInclude.Include.ALWAYS)
                        || annotation.annotationType().getName().equals("org.jspecify.annotations.Nullable")) {
                    nullable(property);
                }
            }
            anchor(property);
            return orNull(property);
        };
    }

    @Bean
    OperationCustomizer declaredInputFailures() {
        return (operation, handler) -> {
            boolean body = false;
            boolean input = false;
            for (MethodParameter parameter : handler.getMethodParameters()) {
                body |= parameter.hasParameterAnnotation(RequestBody.class);
                input |= parameter.hasParameterAnnotation(RequestBody.class)
                        || parameter.hasParameterAnnotation(PathVariable.class)
                        || parameter.hasParameterAnnotation(RequestParam.class)
                        || parameter.hasParameterAnnotation(RequestHeader.class);
            }
            ApiResponses responses = operation.getResponses();
            if (input && !responses.containsKey("400")) {
                responses.addApiResponse("400", new ApiResponse().description(
                        "Malformed input: an invalid parameter or a body that is not valid JSON of the expected shape"));
            } else if (!responses.containsKey("400")) {
                // the query string is read (and refused when it cannot be decoded) before any handler runs
                responses.addApiResponse("400", new ApiResponse().description(
                        "Malformed request: a query string that cannot be decoded"));
            }
            if (body && !responses.containsKey("415")) {
                responses.addApiResponse("415", new ApiResponse().description(
                        "The body was not sent as application/json"));
            }
            if (body && !responses.containsKey("413")) {
                responses.addApiResponse("413", new ApiResponse().description(
                        "The body is larger than the limit (shop.web.max-request-body, 256 KB by default)"));
            }
            if (!handler.getBeanType().getPackageName().startsWith("com.example.shop.shared.observability")) {
                // any operation that reaches the database (ExceptionTranslator: database-unavailable, busy)
                ApiResponse unavailable = responses.get("503");
                if (unavailable == null) {
                    responses.addApiResponse("503", new ApiResponse().description(UNAVAILABLE));
                } else if (!unavailable.getDescription().contains(UNAVAILABLE)) {
                    unavailable.setDescription(unavailable.getDescription() + "; also: " + UNAVAILABLE);
                }
            }
            return operation;
        };
    }

    /**
     * Roles and anchored patterns over the whole description; called by {@link OpenApiConfiguration} before the
     * error responses get their problem content, so that the ones added here get it too.
     */
    static void rolesAndPatterns(OpenAPI openApi) {
        {
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                if (path.startsWith(ADMIN_PATHS)) {
                    requireRole(operation);
                }
                if (path.startsWith(CORS_PATHS)) {
                    crossOriginRefusal(operation);
                }
                if (operation.getParameters() != null) {
                    for (Parameter parameter : operation.getParameters()) {
                        if (parameter.getSchema() != null) {
                            anchor(parameter.getSchema());
                        }
                    }
                }
            }));
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                Map<String, Schema> schemas = openApi.getComponents().getSchemas();
                schemas.values().forEach(ApiDescriptionRules::anchorAll);
                Set<String> requests = new HashSet<>();
                openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                        operation.getRequestBody().getContent().values().forEach(media ->
                                collectRefs(media.getSchema(), schemas, requests));
                    }
                }));
                requests.forEach(name -> optionalMembersNullable(schemas.get(name)));
                schemas.values().forEach(ApiDescriptionRules::nullableReferences);
            }
        }
    }

    private static void requireRole(Operation operation) {
        String note = "Requires the " + ADMIN_ROLE + " role.";
        String description = operation.getDescription();
        if (description == null || !description.contains(note)) {
            operation.setDescription(description == null || description.isBlank() ? note : description + "\n\n" + note);
        }
        operation.addExtension("x-required-role", ADMIN_ROLE);
        ApiResponse forbidden = operation.getResponses().get("403");
        if (forbidden == null) {
            operation.getResponses().addApiResponse("403", new ApiResponse().description("Not an admin: " + note));
        } else if (!forbidden.getDescription().contains(ADMIN_ROLE)) {
            forbidden.setDescription(forbidden.getDescription() + " (" + note + ")");
        }
    }

    /** The 403 of CORS ({@code SecurityConfiguration}, which checks the origins on every path under /api/). */
    private static void crossOriginRefusal(Operation operation) {
        ApiResponse forbidden = operation.getResponses().get("403");
        if (forbidden == null) {
            operation.getResponses().addApiResponse("403", new ApiResponse().description(CROSS_ORIGIN_REFUSED));
        } else if (!forbidden.getDescription().contains(CROSS_ORIGIN_REFUSED)) {
            forbidden.setDescription(forbidden.getDescription() + "; also: " + CROSS_ORIGIN_REFUSED);
        }
    }

    /** The request schemas a body reaches, nested ones included. */
    @SuppressWarnings("rawtypes")
    private static void collectRefs(Schema schema, Map<String, Schema> schemas, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            if (names.add(name)) {
                collectRefs(schemas.get(name), schemas, names);
            }
            return;
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> collectRefs(p, schemas, names));
        }
        collectRefs(schema.getItems(), schemas, names);
    }

    /** A member a request may leave out may also be sent as null: Jackson takes both alike. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void optionalMembersNullable(Schema schema) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        ((Map<String, Schema>) schema.getProperties()).forEach((name, property) -> {
            if (!required.contains(name) && property.get$ref() == null && typeOf(property) != null) {
                nullable(property);
            }
        });
    }

    /**
     * A member whose type is another schema and that may be null: OpenAPI 3.1 has no {@code nullable} beside a
     * {@code $ref} (the writer drops it), so it says "that schema, or null" in JSON Schema's words.
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void nullableReferences(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        ((Map<String, Schema>) schema.getProperties()).replaceAll((name, property) -> orNull(property));
    }

    @SuppressWarnings("rawtypes")
    private static Schema orNull(Schema property) {
        if (property.get$ref() == null || !Boolean.TRUE.equals(property.getNullable())) {
            return property;
        }
        Schema<?> none = new Schema<>();
        none.addType("null");
        Schema<?> either = new Schema<>().oneOf(List.of(new Schema<>().$ref(property.get$ref()), none));
        either.setDescription(property.getDescription());
        return either;
    }

    @SuppressWarnings("rawtypes")
    private static void anchorAll(Schema schema) {
        anchor(schema);
        if (schema.getExtensions() != null && schema.getExtensions().remove(NOT_BLANK) != null
                && (schema.getMinLength() == null || schema.getMinLength() < 1)) {
            schema.setMinLength(1);
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            properties.values().forEach(ApiDescriptionRules::anchorAll);
        }
        if (schema.getItems() != null) {
            anchorAll(schema.getItems());
        }
    }

    /** Bean Validation matches a pattern against the whole value; JSON Schema anywhere in it. */
    private static void anchor(Schema<?> schema) {
        String pattern = schema.getPattern();
        if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
    }

    private static void nullable(Schema<?> schema) {
        String type = typeOf(schema);
        if (schema.getTypes() != null && type != null) {
            schema.addType("null"); // OpenAPI 3.1
        }
        schema.setNullable(true); // OpenAPI 3.0 (ignored by 3.1 writers)
    }

    private static String typeOf(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        Set<String> types = schema.getTypes();
        return types == null || types.isEmpty() ? null : types.iterator().next();
    }
}
