package com.example.shop.customers;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.example.shop.testsupport.IntegrationTest;

import static com.example.shop.customers.CustomerFixtures.AUTHORIZATION;
import static com.example.shop.customers.CustomerFixtures.PASSWORD;
import static com.example.shop.customers.CustomerFixtures.json;
import static com.example.shop.customers.CustomerFixtures.read;
import static com.example.shop.customers.CustomerFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Registration, login, refresh, logout and the profile, over HTTP on the real database. */
@IntegrationTest
@RecordApplicationEvents
class AuthFlowTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JwtDecoder jwtDecoder;

    @Autowired
    ApplicationEvents events;

    CustomerFixtures fixtures;

    @Autowired
    void fixtures(MockMvc mvc) {
        this.fixtures = new CustomerFixtures(mvc);
    }

    @Test
    void registersWithNormalisedEmailAndPublishesCustomerRegistered() throws Exception {
        String local = "Mixed.Case-" + UUID.randomUUID();
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", "  " + local.toUpperCase() + "@Example.COM ", "password", PASSWORD,
                                "name", "Grace Hopper")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/customers/me"))
                .andExpect(jsonPath("$.id").isString())
                .andExpect(jsonPath("$.email").value(local.toLowerCase() + "@example.com"))
                .andExpect(jsonPath("$.name").value("Grace Hopper"))
                .andExpect(jsonPath("$.password").doesNotExist());

        assertThat(events.stream(CustomerRegistered.class))
                .anySatisfy(event -> {
                    assertThat(event.email()).isEqualTo(local.toLowerCase() + "@example.com");
                    assertThat(event.name()).isEqualTo("Grace Hopper");
                    assertThat(event.customerId()).isNotNull();
                });
    }

    @Test
    void rejectsDuplicateEmailWhateverItsCase() throws Exception {
        String email = uniqueEmail();
        fixtures.register(email);

        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", " " + email.toUpperCase(), "password", PASSWORD, "name", "Other")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/email-taken"));
    }

    @Test
    void accentedAndPlainEmailsAreTwoAccountsButInvisibleAndWidthVariantsAreTheSame() throws Exception {
        String id = UUID.randomUUID().toString();
        CustomerFixtures.Registered plain = fixtures.register("jose-" + id + "@example.com");
        MvcResult accented = mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", "jos\u00E9-" + id + "@example.com", "password", "another password",
                                "name", "Jos\u00E9")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value("jos\u00E9-" + id + "@example.com"))
                .andReturn();
        assertThat(read(accented, "$.id")).isNotEqualTo(plain.id().toString());

        // each logs in with its own password only
        assertThat(fixtures.loginResult(plain.email(), PASSWORD).getResponse().getStatus()).isEqualTo(200);
        assertThat(fixtures.loginResult(plain.email(), "another password").getResponse().getStatus()).isEqualTo(401);
        MvcResult login = fixtures.loginResult("jose\u0301-" + id + "@example.com", "another password");
        assertThat(login.getResponse().getStatus()).as("decomposed \u00E9 is the same e-mail").isEqualTo(200);
        assertThat(jwtDecoder.decode(read(login, "$.accessToken")).getSubject()).isEqualTo(read(accented, "$.id"));

        // spellings that normalise to an existing e-mail are taken
        for (String variant : new String[] { "jose-" + id + "\u200B@example.com",
                LoginThrottlingTests.fullwidth("jose-" + id) + "@example.com",
                "JOSE\u0301-" + id + "@EXAMPLE.COM" }) {
            mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                            .content(json("email", variant, "password", PASSWORD, "name", "Twin")))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/email-taken"));
        }
        assertThat(jdbc.queryForObject("select count(*) from customers_customer where email like ?", Integer.class,
                "%" + id + "@example.com")).isEqualTo(2);
    }

    @Test
    void theEmailColumnComparesByteForByte() {
        assertThat(jdbc.queryForObject("""
                select collation_name from information_schema.columns
                where table_schema = database() and table_name = 'customers_customer' and column_name = 'email'""",
                String.class)).isEqualTo("utf8mb4_bin");
    }

    @Test
    void rejectsShortPasswordAndInvalidEmail() throws Exception {
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", uniqueEmail(), "password", "1234567", "name", "Short")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"));
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", "not-an-email", "password", PASSWORD, "name", "Bad")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", uniqueEmail(), "password", "ä".repeat(40), "name", "Long")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/password-too-long"));
    }

    @Test
    void registrationsAreThrottledPerClientAddress() throws Exception {
        String address = CustomerFixtures.newClientAddress();
        int registered = 0;
        MvcResult result;
        while ((result = mvc.perform(post("/api/auth/register").with(CustomerFixtures.from(address))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", uniqueEmail(), "password", PASSWORD, "name", "Bulk"))).andReturn())
                .getResponse().getStatus() == 201) {
            assertThat(++registered).as("throttled within 100 registrations").isLessThan(100);
        }
        assertThat(registered).as("a generous allowance first").isGreaterThan(10);
        assertThat(result.getResponse().getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(result.getResponse().getHeader("Retry-After"))).isPositive();
        assertThat(read(result, "$.type")).isEqualTo("https://shop.example/problems/too-many-requests");
        assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");

        String refused = uniqueEmail();
        mvc.perform(post("/api/auth/register").with(CustomerFixtures.from(address)).contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", refused, "password", PASSWORD, "name", "Bulk")))
                .andExpect(status().isTooManyRequests());
        assertThat(jdbc.queryForObject("select count(*) from customers_customer where email = ?", Integer.class,
                refused)).isZero();
        // another address still registers
        fixtures.register(uniqueEmail());
    }

    @Test
    void textWithHalfASurrogatePairIsRefusedWithTheField() throws Exception {
        String lone = "\\ud800";   // the JSON escape of half a surrogate pair: no character on its own
        String other = "\\udfff";
        String email = "c-" + UUID.randomUUID() + "@example.com";
        String[][] registrations = {
                { "email", "{\"email\": \"a" + lone + "-" + email + "\", \"password\": \"" + PASSWORD + "\", \"name\": \"N\"}" },
                { "password", "{\"email\": \"" + email + "\", \"password\": \"" + lone.repeat(8) + "\", \"name\": \"N\"}" },
                { "name", "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\", \"name\": \"N" + lone + "\"}" } };
        for (String[] registration : registrations) {
            mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON).content(registration[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value(registration[0]))
                    .andExpect(jsonPath("$.errors[0].message").value("must not contain control characters or unpaired UTF-16 surrogates"));
        }
        assertThat(jdbc.queryForObject("select count(*) from customers_customer where email like ?", Integer.class,
                "%" + email)).isZero();
        mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"" + other.repeat(8) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"));

        // a whole pair is a character like any other
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\", \"name\": \"N \\ud83d\\ude00\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("N \uD83D\uDE00"));
        CustomerFixtures.Session session = fixtures.login(email);
        mvc.perform(put("/api/customers/me").header(AUTHORIZATION, session.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"N" + lone + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(post("/api/customers/me/addresses").header(AUTHORIZATION, session.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"name": "N", "line1": "1 Main St%s", "city": "Berlin", "postalCode": "10115",
                                 "country": "DE"}""".formatted(lone)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("line1"));
    }

    @Test
    void storesOnlyAPasswordHash() throws Exception {
        CustomerFixtures.Registered registered = fixtures.register(uniqueEmail());

        String stored = jdbc.queryForObject("select password_hash from customers_customer where email = ?",
                String.class, registered.email());
        assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(PASSWORD).hasSize(68);
        Integer plain = jdbc.queryForObject(
                "select count(*) from customers_customer where password_hash like ?", Integer.class,
                "%" + PASSWORD + "%");
        assertThat(plain).isZero();
    }

    @Test
    void loginIssuesAnAccessTokenTheResourceServerAccepts() throws Exception {
        CustomerFixtures.Registered registered = fixtures.register(uniqueEmail());

        MvcResult login = mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content(json("email", registered.email().toUpperCase(), "password", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tokenType").value("Bearer"))
                .andExpect(jsonPath("$.expiresIn").value(900))
                .andExpect(jsonPath("$.refreshToken").isString())
                .andReturn();

        Jwt jwt = jwtDecoder.decode(read(login, "$.accessToken"));
        assertThat(jwt.getSubject()).isEqualTo(registered.id().toString());
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("shop-api");
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
        assertThat(read(login, "$.refreshToken")).hasSizeGreaterThanOrEqualTo(43);

        mvc.perform(get("/api/customers/me").header(AUTHORIZATION, "Bearer " + read(login, "$.accessToken")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(registered.id().toString()))
                .andExpect(jsonPath("$.email").value(registered.email()))
                .andExpect(jsonPath("$.name").value("Ada Lovelace"))
                .andExpect(jsonPath("$.roles", contains("CUSTOMER")));
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() throws Exception {
        CustomerFixtures.Registered registered = fixtures.register(uniqueEmail());

        MvcResult wrongPassword = fixtures.loginResult(registered.email(), "wrong password");
        MvcResult unknownEmail = fixtures.loginResult(uniqueEmail(), "wrong password");

        assertThat(wrongPassword.getResponse().getStatus()).isEqualTo(401);
        assertThat(unknownEmail.getResponse().getStatus()).isEqualTo(401);
        assertThat(unknownEmail.getResponse().getContentAsString())
                .isEqualTo(wrongPassword.getResponse().getContentAsString());
    }

    @Test
    void registerIgnoresRolesIdAndAdminInTheBody() throws Exception {
        String email = uniqueEmail();
        UUID chosen = UUID.randomUUID();
        MvcResult result = mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"email": "%s", "password": "%s", "name": "Mallory",
                                 "id": "%s", "roles": ["ADMIN"], "admin": true}""".formatted(email, PASSWORD, chosen)))
                .andExpect(status().isCreated())
                .andReturn();
        assertThat(read(result, "$.id")).isNotEqualTo(chosen.toString());

        CustomerFixtures.Session session = fixtures.login(email);
        assertThat(jwtDecoder.decode(session.accessToken()).getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        mvc.perform(get("/api/customers/me").header(AUTHORIZATION, session.bearer()))
                .andExpect(jsonPath("$.roles", contains("CUSTOMER")));
        List<String> roles = jdbc.queryForList(
                "select r.role from customers_customer_role r join customers_customer c on c.id = r.customer_id "
                        + "where c.email = ?", String.class, email);
        assertThat(roles).containsExactly("CUSTOMER");
    }

    @Test
    void profileUpdateChangesOnlyTheName() throws Exception {
        CustomerFixtures.Session session = fixtures.newCustomer();

        mvc.perform(put("/api/customers/me").header(AUTHORIZATION, session.bearer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "New Name", "id": "%s", "email": "evil@example.com",
                                 "roles": ["ADMIN"], "admin": true}""".formatted(UUID.randomUUID())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(session.id().toString()))
                .andExpect(jsonPath("$.email").value(session.email()))
                .andExpect(jsonPath("$.name").value("New Name"))
                .andExpect(jsonPath("$.roles", contains("CUSTOMER")));

        Map<String, Object> row = jdbc.queryForMap("select email, name from customers_customer where email = ?",
                session.email());
        assertThat(row).containsEntry("name", "New Name");
        assertThat(jdbc.queryForList("select role from customers_customer_role where customer_id = "
                + "(select id from customers_customer where email = ?)", String.class, session.email()))
                .containsExactly("CUSTOMER");
        // and a fresh login still carries only CUSTOMER
        assertThat(jwtDecoder.decode(fixtures.login(session.email()).accessToken()).getClaimAsStringList("roles"))
                .containsExactly("CUSTOMER");
    }

    @Test
    void profileUpdateValidatesTheName() throws Exception {
        CustomerFixtures.Session session = fixtures.newCustomer();
        mvc.perform(put("/api/customers/me").header(AUTHORIZATION, session.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void refreshRotatesTheRefreshToken() throws Exception {
        CustomerFixtures.Session session = fixtures.newCustomer();

        MvcResult first = fixtures.refresh(session.refreshToken());
        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        String second = read(first, "$.refreshToken");
        assertThat(second).isNotEqualTo(session.refreshToken());
        assertThat(read(first, "$.tokenType")).isEqualTo("Bearer");
        mvc.perform(get("/api/customers/me").header(AUTHORIZATION, "Bearer " + read(first, "$.accessToken")))
                .andExpect(status().isOk());

        MvcResult third = fixtures.refresh(second);
        assertThat(third.getResponse().getStatus()).isEqualTo(200);
        assertThat(read(third, "$.refreshToken")).isNotEqualTo(second);
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeSession() throws Exception {
        CustomerFixtures.Session session = fixtures.newCustomer();
        String next = read(fixtures.refresh(session.refreshToken()), "$.refreshToken");

        // the old token again: someone copied it
        MvcResult reuse = fixtures.refresh(session.refreshToken());
        assertThat(reuse.getResponse().getStatus()).isEqualTo(401);
        assertThat(read(reuse, "$.type")).isEqualTo("https://shop.example/problems/invalid-refresh-token");

        // the legitimate successor is revoked too
        assertThat(fixtures.refresh(next).getResponse().getStatus()).isEqualTo(401);

        // another session of the same customer is not affected
        CustomerFixtures.Session other = fixtures.login(session.email());
        assertThat(fixtures.refresh(other.refreshToken()).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() throws Exception {
        CustomerFixtures.Session session = fixtures.newCustomer();
        List<String> hashes = jdbc.queryForList("select token_hash from customers_refresh_token where customer_id = "
                + "(select id from customers_customer where email = ?)", String.class, session.email());
        assertThat(hashes).hasSize(1).allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{64}")
                .isNotEqualTo(session.refreshToken()));
        Integer plain = jdbc.queryForObject("select count(*) from customers_refresh_token where token_hash = ?",
                Integer.class, session.refreshToken());
        assertThat(plain).isZero();
    }

    @Test
    void unknownRefreshTokenIsRefused() throws Exception {
        assertThat(fixtures.refresh("no-such-token").getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() throws Exception {
        CustomerFixtures.Session session = fixtures.newCustomer();

        mvc.perform(post("/api/auth/logout").header(AUTHORIZATION, session.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(json("refreshToken", session.refreshToken())))
                .andExpect(status().isNoContent());

        assertThat(fixtures.refresh(session.refreshToken()).getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void logoutNeedsAnAccessTokenAndCannotEndSomeoneElsesSession() throws Exception {
        CustomerFixtures.Session victim = fixtures.newCustomer();
        CustomerFixtures.Session other = fixtures.newCustomer();

        mvc.perform(post("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                        .content(json("refreshToken", victim.refreshToken())))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/auth/logout").header(AUTHORIZATION, other.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content(json("refreshToken", victim.refreshToken())))
                .andExpect(status().isNoContent());

        assertThat(fixtures.refresh(victim.refreshToken()).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void profileOfADeletedOrUnknownAccountIs404() throws Exception {
        mvc.perform(get("/api/customers/me").header(AUTHORIZATION,
                        com.example.shop.testsupport.Tokens.customer(UUID.randomUUID())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type", startsWith("https://shop.example/problems/")));
    }
}
