package com.example.shop.customers;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Raising the bcrypt cost strengthens stored hashes one login at a time. */
@IntegrationTest
class PasswordRehashTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Test
    void aLoginStoresAHashAtTheConfiguredCostWhenTheStoredOneIsCheaper() throws Exception {
        String email = registeredWithACheapHash();
        var changedAt = passwordChangedAt(email);

        login(email, "correct horse");

        String renewed = hash(email);
        assertThat(renewed).startsWith("{bcrypt}$2a$10$");
        assertThat(new BCryptPasswordEncoder().matches("correct horse", renewed.substring("{bcrypt}".length())))
                .isTrue();
        assertThat(passwordChangedAt(email)).as("a rehash is not a password change").isEqualTo(changedAt);

        login(email, "correct horse");
        assertThat(hash(email)).as("a hash at the configured cost stays").isEqualTo(renewed);
    }

    @Test
    void aFailedLoginRehashesNothing() throws Exception {
        String email = registeredWithACheapHash();
        String cheap = hash(email);

        mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"" + email + "\", \"password\": \"wrong horse\"}"))
                .andExpect(status().isUnauthorized());

        assertThat(hash(email)).startsWith("{bcrypt}$2a$04$").isEqualTo(cheap);
    }

    /**
     * A customer whose password is stored at cost 4, as by a shop that ran with SHOP_BCRYPT_STRENGTH=4 before
     * raising it to the default 10.
     */
    private String registeredWithACheapHash() throws Exception {
        String email = "rehash-" + UUID.randomUUID() + "@example.com";
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"" + email + "\", \"password\": \"correct horse\", \"name\": \"Ada\"}"))
                .andExpect(status().isCreated());
        String cheap = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("correct horse");
        committed.update("update customers_customer set password_hash = ? where email = ?", cheap, email);
        return email;
    }

    private void login(String email, String password) throws Exception {
        mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}"))
                .andExpect(status().isOk());
    }

    private String hash(String email) {
        return jdbc.queryForObject("select password_hash from customers_customer where email = ?", String.class, email);
    }

    private Object passwordChangedAt(String email) {
        return jdbc.queryForObject("select password_changed_at from customers_customer where email = ?", Object.class,
                email);
    }
}
