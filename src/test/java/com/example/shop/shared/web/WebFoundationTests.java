package com.example.shop.shared.web;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.LocalEnvironment;
import com.example.shop.testsupport.Tokens;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The error vocabulary and the security baseline, through the full MVC and security stack. */
@IntegrationTest
@Import({ WebFoundationTests.Probe.class, ExceptionProbe.class })
class WebFoundationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    final String token = Tokens.customer();

    @Test
    void malformedJsonIsAProblem() throws Exception {
        mvc.perform(post("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/malformed-request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void invalidFieldsAreListed() throws Exception {
        mvc.perform(post("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \" \", \"quantity\": 0}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/validation"))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'quantity')].message").exists());
    }

    @Test
    void aFractionInAnIntegerFieldIsRefusedNotTruncated() throws Exception {
        mvc.perform(post("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"quantity\": 2.9}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("quantity"))
                .andExpect(content().string(not(containsString("coerce"))));
        mvc.perform(post("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"quantity\": 2.0}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"x\", \"quantity\": 2, \"parts\": [{\"count\": 1}, {\"count\": \"many\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("parts[1].count"));
    }

    @Test
    void aMissingHeaderOrParameterIsNamed() throws Exception {
        mvc.perform(get("/api/test-probe/needs?q=1").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        mvc.perform(get("/api/test-probe/needs").header(HttpHeaders.AUTHORIZATION, token).header("Idempotency-Key", "k"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"));
    }

    @Test
    void validBodyPasses() throws Exception {
        mvc.perform(post("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\", \"quantity\": 2}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("x"));
    }

    @Test
    void unknownRouteIsNotFoundForAnAuthenticatedCaller() throws Exception {
        mvc.perform(get("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/not-found"));
    }

    @Test
    void wrongMethodIsAProblem() throws Exception {
        mvc.perform(put("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/method-not-allowed"));
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        String huge = "{\"name\": \"" + "x".repeat(300 * 1024) + "\", \"quantity\": 1}";
        mvc.perform(post("/api/test-probe").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content(huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/payload-too-large"));
    }

    @Test
    void unexpectedFailureCarriesACorrelationIdAndNoInternals() throws Exception {
        mvc.perform(post("/api/test-probe/explode").header(HttpHeaders.AUTHORIZATION, token)
                        .header("X-Request-Id", "support-ticket-1234"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.correlationId").value("support-ticket-1234"))
                .andExpect(header().string("X-Request-Id", "support-ticket-1234"))
                .andExpect(content().string(not(containsString("IllegalStateException"))))
                .andExpect(content().string(not(containsString("secret detail"))));
    }

    @Test
    void theFrameworksOwnServerErrorsCarryTheCorrelationIdToo() throws Exception {
        mvc.perform(get("/api/test-probe/misrouted/1").header(HttpHeaders.AUTHORIZATION, token)
                        .header("X-Request-Id", "support-ticket-5678"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/internal-error"))
                .andExpect(jsonPath("$.correlationId").value("support-ticket-5678"))
                .andExpect(content().string(not(containsString("other"))));
    }

    @Test
    void aLostDeadlockIsARetryable503() throws Exception {
        mvc.perform(post("/api/test-probe/deadlock").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/busy"))
                .andExpect(content().string(not(containsString("Deadlock"))));
    }

    @Test
    void protectedRouteWithoutTokenIs401Problem() throws Exception {
        mvc.perform(get("/api/orders"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/unauthorized"));
    }

    @Test
    void rejectsTokensThatAreNotOurs() throws Exception {
        String otherKey = Tokens.mint("another-secret-that-is-long-enough-0123456789", UUID.randomUUID().toString(),
                List.of("ADMIN"), Duration.ofMinutes(5));
        String expired = Tokens.mint(LocalEnvironment.DEV_JWT_SECRET, UUID.randomUUID().toString(),
                List.of("CUSTOMER"), Duration.ofMinutes(-5));
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("{\"sub\":\"" + UUID.randomUUID() + "\",\"iss\":\"shop-api\",\"roles\":[\"ADMIN\"],\"exp\":"
                                + (System.currentTimeMillis() / 1000 + 300) + "}").getBytes())
                + ".";
        for (String bad : List.of(otherKey, expired, unsigned, "garbage")) {
            mvc.perform(get("/api/test-probe/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + bad))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void adminRoutesNeedTheAdminRole() throws Exception {
        mvc.perform(get("/api/admin/anything").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/forbidden"));
    }

    /** The health answers on the application's port: the probes, and Actuator's paths for clients and scripts. */
    static final List<String> HEALTH_PATHS = List.of("/livez", "/readyz", "/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    @Test
    void theHealthAnswersArePublicOnTheApplicationPortAndTheRestOfActuatorIsNotThere() throws Exception {
        for (String path : HEALTH_PATHS) {
            assertHealth(get(path), 200, "UP");
            // a broken token does not matter: they are on the public reads' chain, which reads no token
            assertHealth(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"), 200, "UP");
        }
        mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.components").doesNotExist());
        // Actuator listens on the management port (OperationsTests): here only a 401, or a 404 for an admin
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, token)).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health/db").header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isNotFound());
    }

    @Test
    void theProbesFollowTheApplicationsLivenessAndReadTheirGroupsEachTime() throws Exception {
        AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
        try {
            assertHealth(get("/livez"), 503, "DOWN");
            assertHealth(get("/actuator/health/liveness"), 503, "DOWN");
            assertHealth(get("/actuator/health"), 503, "DOWN");
            assertHealth(get("/readyz"), 200, "UP");
            assertHealth(get("/actuator/health/readiness"), 200, "UP");
        } finally {
            AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        }
        mvc.perform(get("/livez")).andExpect(status().isOk());
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            assertHealth(get("/readyz"), 503, "OUT_OF_SERVICE");
            assertHealth(get("/actuator/health/readiness"), 503, "OUT_OF_SERVICE");
            assertHealth(get("/actuator/health"), 503, "OUT_OF_SERVICE");
            assertHealth(get("/livez"), 200, "UP");
            assertHealth(get("/actuator/health/liveness"), 200, "UP");
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        for (String path : HEALTH_PATHS) {
            assertHealth(get(path), 200, "UP");
        }
    }

    /** The answer is the status and nothing else, as JSON, with the status code that goes with it. */
    private void assertHealth(MockHttpServletRequestBuilder request, int code, String health) throws Exception {
        mvc.perform(request).andExpect(status().is(code))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().string("{\"status\":\"" + health + "\"}"));
    }

    @Test
    void corsAnswersOnlyConfiguredOrigins() throws Exception {
        mvc.perform(options("/api/products").header(HttpHeaders.ORIGIN, "https://storefront.example")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://storefront.example"));
        mvc.perform(options("/api/products").header(HttpHeaders.ORIGIN, "https://evil.example")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/origin-not-allowed"));
        mvc.perform(options("/api/carts").header(HttpHeaders.ORIGIN, "https://storefront.example")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "X-Not-Allowed"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/cors-not-allowed"));
    }

    @Test
    void aRequestFromAnOriginThatIsNotAllowedIsAProblemOnEveryChain() throws Exception {
        // the public reads' chain, the API chain without and with a token, an admin route
        for (var request : List.of(get("/api/products"), get("/api/products/no-such-product"),
                post("/api/carts"), get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token),
                get("/api/admin/products").header(HttpHeaders.AUTHORIZATION, Tokens.admin()))) {
            mvc.perform(request.header(HttpHeaders.ORIGIN, "https://evil.example"))
                    .andExpect(status().isForbidden())
                    .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/origin-not-allowed"))
                    .andExpect(jsonPath("$.title").value("Origin not allowed"))
                    .andExpect(jsonPath("$.status").value(403))
                    .andExpect(content().string(not(containsString("Invalid CORS request"))));
        }
    }

    @Test
    void publicReadsKeepTheSecurityHeadersAndCorsAndReadNoToken() throws Exception {
        for (String path : List.of("/api/products", "/api/categories", "/api/payments/config")) {
            mvc.perform(get(path).header(HttpHeaders.ORIGIN, "https://storefront.example")
                            // a broken token does not stop anyone browsing: public reads read no token
                            .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"))
                    .andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://storefront.example"))
                    .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                    .andExpect(header().string("X-Frame-Options", "DENY"));
        }
        // everywhere else the same token is still read, and refused
        mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void openApiDescriptionIsPublicAndDeclaresBearerAuth() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.securitySchemes.bearerAuth.scheme").value("bearer"));
    }

    @TestConfiguration
    @RestController
    @RequestMapping("/api/test-probe")
    static class Probe {

        record ProbeRequest(@NotBlank String name, @Min(1) int quantity, List<Part> parts) {
        }

        record Part(int count) {
        }

        @PostMapping
        ProbeRequest echo(@Valid @RequestBody ProbeRequest request) {
            return request;
        }

        @PostMapping("/explode")
        void explode() {
            throw new IllegalStateException("secret detail");
        }

        @org.springframework.web.bind.annotation.GetMapping("/misrouted/{id}")
        String misrouted(@org.springframework.web.bind.annotation.PathVariable("other") String other) {
            return other; // a programming error the framework itself answers with 500
        }

        @org.springframework.web.bind.annotation.GetMapping("/needs")
        String needs(@org.springframework.web.bind.annotation.RequestHeader("Idempotency-Key") String key,
                @org.springframework.web.bind.annotation.RequestParam("q") String q) {
            return key + q;
        }

        @PostMapping("/deadlock")
        void deadlock() {
            throw new org.springframework.dao.CannotAcquireLockException("Deadlock found when trying to get lock");
        }

        @org.springframework.web.bind.annotation.GetMapping("/me")
        String me() {
            return "ok";
        }
    }
}
