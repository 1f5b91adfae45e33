package com.example.shop.shared.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiredSettingsTests {

    @Test
    void namesEveryMissingSettingByItsEnvironmentVariable() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:mysql://db/shop")
                .withProperty("shop.stripe.secret-key", " ");

        assertThatThrownBy(() -> RequiredSettings.check(environment))
                .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.variables())
                        .containsExactly("SPRING_DATASOURCE_USERNAME", "SHOP_JWT_SECRET", "STRIPE_SECRET_KEY",
                                "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"));
    }

    @Test
    void acceptsACompleteConfiguration() {
        MockEnvironment environment = new MockEnvironment();
        RequiredSettings.REQUIRED.keySet().forEach(key -> environment.setProperty(key, "x"));

        RequiredSettings.check(environment);
    }

    @Test
    void reportsWithoutAStackTrace() {
        MissingSettingsException failure = new MissingSettingsException(java.util.List.of("SHOP_JWT_SECRET"));
        FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).contains("SHOP_JWT_SECRET").doesNotContain("Exception");
        assertThat(analysis.getAction()).contains("docs/operations.md");
    }
}
