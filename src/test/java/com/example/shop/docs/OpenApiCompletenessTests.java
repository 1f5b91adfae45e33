package com.example.shop.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The published API description ({@code /v3/api-docs}) and the application agree: every controller
 * mapping is documented, nothing documented is missing, and what the security chain protects carries the
 * bearer requirement (what it lets anyone call carries none). "Protected" is asked of the real security
 * configuration, not of a list kept here.
 */
@IntegrationTest
class OpenApiCompletenessTests {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/:]+)(:[^}]*)?}");

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("probe", "anonymousUser",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    WebInvocationPrivilegeEvaluator privileges;

    JsonNode document;

    @BeforeEach
    void readDocument() throws Exception {
        String json = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        document = JsonMapper.builder().build().readTree(json);
        Files.writeString(Path.of("target/api-docs.json"), json); // to read when this test fails
    }

    @Test
    void everyControllerMappingIsDocumentedAndNothingElse() {
        Set<String> mapped = controllerOperations();
        Set<String> documented = documentedOperations();

        assertThat(mapped).as("the application's operations").isNotEmpty();
        assertThat(difference(mapped, documented)).as("mapped by a controller but missing from /v3/api-docs")
                .isEmpty();
        assertThat(difference(documented, mapped)).as("listed in /v3/api-docs but mapped by no controller")
                .isEmpty();
    }

    @Test
    void protectedOperationsRequireTheBearerTokenAndPublicOnesDoNot() {
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/bearerAuth/bearerFormat").asString()).isEqualTo("JWT");

        List<String> wrong = new ArrayList<>();
        int publicCount = 0;
        int protectedCount = 0;
        for (String operation : documentedOperations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            boolean isPublic = privileges.isAllowed("", concrete(path), method, ANONYMOUS);
            JsonNode declared = document.at(pointer(path, method));
            // an operation that serves guests too is let through anonymously and checks the guest itself: it
            // declares the bearer token with an alternative (a guest order's key, or no credentials at all).
            // The order stream's ticket is an alternative the security chain checks itself: without the ticket
            // the operation is protected, so the probe (which sends none) must find it so.
            boolean declaresBearer = declaresBearer(declared)
                    && (!declaresAnAlternative(declared) || declaresOnly(declared, "bearerAuth", "eventTicket"));
            if (isPublic) {
                publicCount++;
            }
            else {
                protectedCount++;
            }
            if (isPublic == declaresBearer) {
                wrong.add(operation + (isPublic ? " is public but declares bearerAuth"
                        : " is protected but does not declare bearerAuth"));
            }
        }
        assertThat(wrong).isEmpty();
        // the probe itself must be able to tell the two apart
        assertThat(publicCount).isGreaterThan(5);
        assertThat(protectedCount).isGreaterThan(5);
    }

    @Test
    void everyOperationDocumentsItsSuccessAndItsProblemsAsProblemJson() {
        List<String> wrong = new ArrayList<>();
        for (String operation : documentedOperations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            JsonNode op = document.at(pointer(path, method));
            if (op.path("summary").asString("").isBlank()) {
                wrong.add(operation + ": no summary");
            }
            if (op.path("tags").isEmpty()) {
                wrong.add(operation + ": no tag");
            }
            JsonNode responses = op.path("responses");
            boolean success = false;
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                String code = response.getKey();
                JsonNode content = response.getValue().path("content");
                if (code.startsWith("2")) {
                    success = true;
                    if (!code.equals("204") && !code.equals("202") && content.isEmpty()) {
                        wrong.add(operation + ": success " + code + " has no schema");
                    }
                }
                // the health answers' 503 is their status ({"status":"DOWN"}) as JSON, as their 200 is
                boolean healthStatus = code.equals("503") && tagged(op, "Operations");
                if (healthStatus && !content.has("application/json")) {
                    wrong.add(operation + ": 503 is not documented as the status in application/json");
                } else if ((code.startsWith("4") || code.startsWith("5")) && !healthStatus
                        && !content.has("application/problem+json")) {
                    wrong.add(operation + ": " + code + " is not documented as application/problem+json");
                }
            }
            if (!success) {
                wrong.add(operation + ": no success response");
            }
            if (declaresBearer(op) && !responses.has("401")) {
                wrong.add(operation + ": protected, but no 401 documented");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void schemasDescribeTheJsonTheApiWrites() {
        JsonNode schemas = document.path("components").path("schemas");
        assertThat(schemas.at("/Money/properties/currency/type").asString()).isEqualTo("string");
        assertThat(schemas.at("/Money/properties/amount/type").asString()).isEqualTo("integer");
        assertThat(schemas.at("/Problem/properties/errors/items/$ref").asString())
                .isEqualTo("#/components/schemas/ProblemFieldError");
        assertThat(schemas.at("/Problem/properties/correlationId/type").asString()).isEqualTo("string");
        assertThat(schemas.has("ProblemDetail")).as("Spring's ProblemDetail is not what the API writes").isFalse();

        List<String> wrong = new ArrayList<>();
        for (String operation : documentedOperations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            for (Map.Entry<String, JsonNode> response : document.at(pointer(path, method)).path("responses").properties()) {
                JsonNode problem = response.getValue().at("/content/application~1problem+json/schema/$ref");
                if (!problem.isMissingNode() && !problem.asString().equals("#/components/schemas/Problem")) {
                    wrong.add(operation + " " + response.getKey() + ": " + problem.asString());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theHealthAnswersOnTheApiPortAreDocumentedAsTheirStatusOnly() {
        List<String> wrong = new ArrayList<>();
        for (String path : List.of("/livez", "/readyz", "/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness")) {
            JsonNode operation = document.at(pointer(path, "GET"));
            if (!tagged(operation, "Operations")) {
                wrong.add(path + ": not in Operations");
            }
            for (String code : List.of("200", "503")) {
                JsonNode content = operation.path("responses").path(code).path("content");
                if (!content.propertyNames().equals(Set.of("application/json"))
                        || !content.at("/application~1json/schema/$ref").asString("")
                                .equals("#/components/schemas/ProbeStatus")) {
                    wrong.add(path + " " + code + ": " + content);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(document.at("/components/schemas/ProbeStatus/properties").propertyNames())
                .containsExactly("status");
    }

    /** "GET /api/products/{idOrSlug}" for every handler method of the application's own controllers. */
    private Set<String> controllerOperations() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMapping.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("com.example.shop")) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = PATH_VARIABLE.matcher(pattern).replaceAll("{$1}");
                if (excluded(path)) {
                    continue;
                }
                assertThat(methods).as("%s maps every HTTP method", path).isNotEmpty();
                methods.forEach(method -> operations.add(method.name() + " " + path));
            }
        }
        return operations;
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (path.getKey().startsWith("/dev/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace")
                        .contains(operation.getKey())) {
                    operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** The dev run's own endpoints (test scope) and the servlet error page are not part of the API. */
    private static boolean excluded(String path) {
        return path.startsWith("/dev/") || path.equals("/error");
    }

    /** Whether the operation also accepts something else than the bearer token: another scheme, or nothing. */
    private static boolean declaresAnAlternative(JsonNode operation) {
        for (JsonNode requirement : operation.path("security")) {
            if (!requirement.has("bearerAuth")) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresOnly(JsonNode operation, String... schemes) {
        Set<String> allowed = Set.of(schemes);
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.isEmpty()) {
                return false; // "no credentials at all" is an alternative too
            }
            for (String scheme : requirement.propertyNames()) {
                if (!allowed.contains(scheme)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean declaresBearer(JsonNode operation) {
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has("bearerAuth")) {
                return true;
            }
        }
        return false;
    }

    private static String concrete(String path) {
        Matcher variables = PATH_VARIABLE.matcher(path);
        return variables.replaceAll("00000000-0000-4000-8000-000000000000");
    }

    private static String pointer(String path, String method) {
        return "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static boolean tagged(JsonNode operation, String tag) {
        for (JsonNode each : operation.path("tags")) {
            if (each.asString("").equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
