package com.example.shop.customers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
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
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(LocalEnvironment.DEV_JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("shop-api")
                .subject(session.id().toString())
                .issuedAt(Instant.now())
                .claim("roles", List.of("CUSTOMER"))
                .build();
        String forever = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        assertUnauthorized("Bearer " + forever);
    }

    @Test
    void tokenOfAnotherIssuerIs401() throws Exception {
        for (String issuer : List.of("another-shop", "https://shop-api", "shop-api ")) {
            NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                    new SecretKeySpec(LocalEnvironment.DEV_JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
            JwtClaimsSet claims = JwtClaimsSet.builder()
                    .issuer(issuer)
                    .subject(session.id().toString())
                    .issuedAt(Instant.now())
                    .expiresAt(Instant.now().plus(Duration.ofMinutes(5)))
                    .claim("roles", List.of("CUSTOMER"))
                    .build();
            String foreign = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                    .getTokenValue();
            assertUnauthorized("Bearer " + foreign);
        }
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsStillAccepted() throws Exception {
        String justExpired = Tokens.mint(LocalEnvironment.DEV_JWT_SECRET, session.id().toString(),
                List.of("CUSTOMER"), Duration.ofSeconds(-5));
        me("Bearer " + justExpired).andExpect(status().isOk());
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
