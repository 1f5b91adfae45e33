package com.example.shop.shared.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingSwitchTests {

    @Test
    void withoutAnEndpointTracingIsLeftOutAltogetherAndOtherExclusionsStay() {
        StandardEnvironment environment = environment(Map.of("spring.autoconfigure.exclude[0]", "com.example.Other"));

        new TracingSwitch().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNotNull();
        assertThat(environment.getProperty("spring.autoconfigure.exclude").split(","))
                .contains("com.example.Other")
                .containsAll(TracingSwitch.TRACING_AUTO_CONFIGURATIONS);
    }

    @Test
    void anOtlpEndpointSwitchesTracingOn() {
        StandardEnvironment environment = environment(Map.of(TracingSwitch.ENDPOINT, "http://collector:4318/v1/traces"));

        new TracingSwitch().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
    }

    @Test
    void theSwitchWinsOverTheEndpointEitherWay() {
        StandardEnvironment on = environment(Map.of(TracingSwitch.SWITCH, "true"));
        StandardEnvironment off = environment(Map.of(TracingSwitch.SWITCH, "false",
                TracingSwitch.ENDPOINT, "http://collector:4318/v1/traces"));

        new TracingSwitch().postProcessEnvironment(on, new SpringApplication());
        new TracingSwitch().postProcessEnvironment(off, new SpringApplication());

        assertThat(on.getProperty("spring.autoconfigure.exclude")).isNull();
        assertThat(off.getProperty("spring.autoconfigure.exclude")).contains(TracingSwitch.TRACING_AUTO_CONFIGURATIONS);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
