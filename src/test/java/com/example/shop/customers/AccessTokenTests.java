package com.example.shop.customers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.LocalEnvironment;
import com.example.shop.testsupport.Tokens;

import static com.example.shop.customers.CustomerFixtures.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Only well-signed, unexpired access tokens of this issuer open the protected routes. */
@IntegrationTest
class AccessTokenTests {

    @Autowired
    MockMvc mvc;

    CustomerFixtures.Session session;

    @BeforeEach
    void customer() throws Exception {
        session = new CustomerFixtures(mvc).newCustomer();
    }

    ResultActions me(String authorization) throws Exception {
        return authorization == null ? mvc.perform(get("/api/customers/me"))
                : mvc.perform(get("/api/customers/me").header(AUTHORIZATION, authorization));
    }

    void assertUnauthorized(String authorization) throws Exception {
        me(authorization).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/unauthorized"));
    }

    @Test
    void theIssuedTokenIsAccepted() throws Exception {
        me(session.bearer()).andExpect(status().isOk());
    }

    @Test
    void noTokenIs401() throws Exception {
        assertUnauthorized(null);
    }

    @Test
    void garbageTokenIs401() throws Exception {
        assertUnauthorized("Bearer not-a-jwt");
        assertUnauthorized("Bearer a.b.c");
    }

    @Test
    void unsignedAlgNoneTokenIs401() throws Exception {
        String[] parts = session.accessToken().split("\\.");
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertUnauthorized("Bearer " + header + "." + parts[1] + ".");
        assertUnauthorized("Bearer " + header + "." + parts[1]);
    }

    @Test
    void tokenSignedWithAnotherKeyIs401() throws Exception {
        String forged = Tokens.mint("another-key-of-at-least-thirty-two-characters!", session.id().toString(),
                List.of("CUSTOMER", "ADMIN"), Duration.ofMinutes(5));
        assertUnauthorized("Bearer " + forged);
    }

    @Test
    void tamperedPayloadIs401() throws Exception {
        String[] parts = session.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = payload.replace("\"CUSTOMER\"", "\"CUSTOMER\",\"ADMIN\"");
        org.assertj.core.api.Assertions.assertThat(tampered).isNotEqualTo(payload);
        assertUnauthorized("Bearer " + parts[0] + "." + base64(tampered) + "." + parts[2]);
    }

    @Test
    void tokenExpiredBeyondTheClockSkewIs401() throws Exception {
        String expired = Tokens.mint(LocalEnvironment.DEV_JWT_SECRET, session.id().toString(), List.of("CUSTOMER"),
                Duration.ofMinutes(-2));
        assertUnauthorized("Bearer " + expired);
    }

    @Test
    void tokenWithoutExpiryIs401() throws Exception {
        String forever = Tokens.sign(LocalEnvironment.DEV_JWT_SECRET, customerClaims("shop-api").build());
        assertUnauthorized("Bearer " + forever);
    }

    @Test
    void tokenOfAnotherIssuerIs401() throws Exception {
        // the same claims from this issuer open the route: only the issuer makes the difference below
        me("Bearer " + Tokens.sign(LocalEnvironment.DEV_JWT_SECRET, customerClaims("shop-api")
                .expiresAt(Instant.now().plus(Duration.ofMinutes(5))).build())).andExpect(status().isOk());
        for (String issuer : List.of("another-shop", "https://shop-api", "shop-api ")) {
            String foreign = Tokens.sign(LocalEnvironment.DEV_JWT_SECRET, customerClaims(issuer)
                    .expiresAt(Instant.now().plus(Duration.ofMinutes(5))).build());
            assertUnauthorized("Bearer " + foreign);
        }
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsStillAccepted() throws Exception {
        String justExpired = Tokens.mint(LocalEnvironment.DEV_JWT_SECRET, session.id().toString(),
                List.of("CUSTOMER"), Duration.ofSeconds(-5));
        me("Bearer " + justExpired).andExpect(status().isOk());
    }

    /** The session's customer as the application's tokens name it, issued now by {@code issuer}, no expiry yet. */
    private JwtClaimsSet.Builder customerClaims(String issuer) {
        return JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(session.id().toString())
                .issuedAt(Instant.now())
                .claim("roles", List.of("CUSTOMER"));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
