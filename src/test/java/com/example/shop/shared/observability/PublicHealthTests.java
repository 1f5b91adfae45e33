package com.example.shop.shared.observability;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /actuator/health} paths are mapped on the application's port only where Actuator is not there itself:
 * when the management port differs. On the same port Actuator answers them (with details for administrators), and
 * with the management server switched off there is no Actuator to stand in for.
 */
class PublicHealthTests {

    private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
            .withBean(HealthProbes.class, () -> new HealthProbes(null))
            .withUserConfiguration(PublicHealth.class);

    @Test
    void theActuatorPathsAreMappedWhenTheManagementPortDiffers() {
        contexts.withPropertyValues("management.server.port=8081")
                .run(context -> assertThat(context).hasSingleBean(PublicHealth.class));
        contexts.withPropertyValues("server.port=9000", "management.server.port=9001")
                .run(context -> assertThat(context).hasSingleBean(PublicHealth.class));
    }

    @Test
    void theActuatorPathsAreLeftToActuatorOnTheSamePort() {
        contexts.run(context -> assertThat(context).hasSingleBean(HealthProbes.class)
                .doesNotHaveBean(PublicHealth.class));
        contexts.withPropertyValues("server.port=9000", "management.server.port=9000")
                .run(context -> assertThat(context).doesNotHaveBean(PublicHealth.class));
    }

    @Test
    void theActuatorPathsAreNotMappedWhenTheManagementServerIsOff() {
        contexts.withPropertyValues("management.server.port=-1")
                .run(context -> assertThat(context).doesNotHaveBean(PublicHealth.class));
    }
}
