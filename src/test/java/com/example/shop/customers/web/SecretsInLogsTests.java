package com.example.shop.customers.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC logs request and response bodies by their {@code toString()} (at DEBUG): the records that
 * carry passwords or tokens leave them out.
 */
class SecretsInLogsTests {

    static final String SECRET = "s3cr3t-value-that-must-not-be-logged";

    @Test
    void requestsAndResponsesCarryingSecretsDoNotPrintThem() {
        assertThat(new AuthController.RegisterRequest("jane@example.com", SECRET, "Jane").toString())
                .contains("jane@example.com").doesNotContain(SECRET);
        assertThat(new AuthController.LoginRequest("jane@example.com", SECRET).toString()).doesNotContain(SECRET);
        assertThat(new AuthController.RefreshRequest(SECRET).toString()).doesNotContain(SECRET);
        assertThat(new AuthController.PasswordResetConfirmation(SECRET, SECRET).toString()).doesNotContain(SECRET);
        assertThat(new AuthController.TokenResponse(SECRET, "Bearer", 900, SECRET, 60).toString())
                .doesNotContain(SECRET);
    }
}
