package com.example.shop.customers;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;

import static com.example.shop.customers.CustomerFixtures.PASSWORD;
import static com.example.shop.customers.CustomerFixtures.from;
import static com.example.shop.customers.CustomerFixtures.json;
import static com.example.shop.customers.CustomerFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Password reset. The token travels by mail, so the confirm tests plant a reset the way the module
 * stores it (the SHA-256 hash of a token only the test knows).
 */
@IntegrationTest
class PasswordResetTests {

    static final String NEW_PASSWORD = "a brand new password";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    int resetsOf(String email) {
        return jdbc.queryForObject("select count(*) from customers_password_reset where customer_id = "
                + "(select id from customers_customer where email = ?)", Integer.class, email);
    }

    @Test
    void requestIsAcceptedForKnownAndUnknownEmailsAlike() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();

        mvc.perform(post("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", " " + email.toUpperCase())))
                .andExpect(status().isAccepted());
        mvc.perform(post("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", uniqueEmail())))
                .andExpect(status().isAccepted());

        await().atMost(Duration.ofSeconds(10)).until(() -> resetsOf(email) == 1);
        String hash = jdbc.queryForObject("select token_hash from customers_password_reset where customer_id = "
                + "(select id from customers_customer where email = ?)", String.class, email);
        assertThat(hash).matches("[0-9a-f]{64}");
    }

    @Test
    void confirmSetsTheNewPasswordOnceAndRevokesRefreshTokens() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        CustomerFixtures.Session session = fixtures.newCustomer();
        String token = plantReset(session.email(), Duration.ofMinutes(30));

        mvc.perform(post("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                        .content(json("token", token, "newPassword", NEW_PASSWORD)))
                .andExpect(status().isNoContent());

        assertThat(fixtures.loginResult(session.email(), PASSWORD).getResponse().getStatus()).isEqualTo(401);
        assertThat(fixtures.loginResult(session.email(), NEW_PASSWORD).getResponse().getStatus()).isEqualTo(200);
        assertThat(fixtures.refresh(session.refreshToken()).getResponse().getStatus()).isEqualTo(401);

        // single use
        mvc.perform(post("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                        .content(json("token", token, "newPassword", "yet another password")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/invalid-reset-token"));
        assertThat(fixtures.loginResult(session.email(), NEW_PASSWORD).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void expiredOrUnknownTokenIsRefused() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();
        String expired = plantReset(email, Duration.ofMinutes(-1));

        mvc.perform(post("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                        .content(json("token", expired, "newPassword", NEW_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/invalid-reset-token"));
        mvc.perform(post("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                        .content(json("token", "made-up", "newPassword", NEW_PASSWORD)))
                .andExpect(status().isBadRequest());
        assertThat(fixtures.loginResult(email, PASSWORD).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void confirmationsAreThrottledPerClientAddress() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();
        String guesser = CustomerFixtures.newClientAddress();
        int attempts = 0;
        MvcResult result;
        do {
            result = mvc.perform(post("/api/auth/password-reset/confirm").with(from(guesser))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json("token", "guess-" + attempts, "newPassword", NEW_PASSWORD))).andReturn();
            attempts++;
        } while (result.getResponse().getStatus() == 400 && attempts < 100);
        assertThat(result.getResponse().getStatus()).isEqualTo(429);
        assertThat(attempts).as("a generous allowance first").isGreaterThan(10);
        assertThat(Long.parseLong(result.getResponse().getHeader("Retry-After"))).isPositive();
        assertThat(CustomerFixtures.read(result, "$.type")).isEqualTo("https://shop.example/problems/too-many-requests");

        // even a valid token waits, from that address; from another one it works
        String token = plantReset(email, Duration.ofMinutes(30));
        mvc.perform(post("/api/auth/password-reset/confirm").with(from(guesser)).contentType(MediaType.APPLICATION_JSON)
                        .content(json("token", token, "newPassword", NEW_PASSWORD)))
                .andExpect(status().isTooManyRequests());
        mvc.perform(post("/api/auth/password-reset/confirm").with(from(fixtures.address()))
                        .contentType(MediaType.APPLICATION_JSON).content(json("token", token, "newPassword", NEW_PASSWORD)))
                .andExpect(status().isNoContent());
    }

    @Test
    void newPasswordMustBeLongEnough() throws Exception {
        mvc.perform(post("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                        .content(json("token", "whatever", "newPassword", "short")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("newPassword"));
    }

    private String plantReset(String email, Duration validFor) throws Exception {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Instant now = Instant.now();
        committed.update("""
                insert into customers_password_reset (id, customer_id, token_hash, created_at, expires_at, version)
                select ?, id, ?, ?, ?, 0 from customers_customer where email = ?""",
                uuidBytes(UUID.randomUUID()), java.util.HexFormat.of().formatHex(digest),
                Timestamp.from(now.minus(Duration.ofMinutes(40))), Timestamp.from(now.plus(validFor)), email);
        return token;
    }

    private static byte[] uuidBytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }
}
