package com.example.shop.shared.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

class SharedServicesSwitchTests {

    @Test
    void withoutConnectionSettingsRedisAndTheBrokerAreLeftOutAndOtherExclusionsStay() {
        StandardEnvironment environment = environment(Map.of("spring.autoconfigure.exclude[0]", "com.example.Other"));

        new SharedServicesSwitch().postProcessEnvironment(environment, new SpringApplication());

        assertThat(excluded(environment)).contains("com.example.Other")
                .containsAll(SharedServices.REDIS.autoConfigurations())
                .containsAll(SharedServices.BROKER.autoConfigurations());
    }

    @Test
    void eachServiceIsSwitchedOnByItsOwnConnectionSettings() {
        StandardEnvironment redis = environment(Map.of("spring.data.redis.url", "redis://cache:6379"));
        StandardEnvironment broker = environment(Map.of("spring.rabbitmq.host", "broker"));

        new SharedServicesSwitch().postProcessEnvironment(redis, new SpringApplication());
        new SharedServicesSwitch().postProcessEnvironment(broker, new SpringApplication());

        assertThat(excluded(redis)).containsAll(SharedServices.BROKER.autoConfigurations())
                .doesNotContainAnyElementsOf(SharedServices.REDIS.autoConfigurations());
        assertThat(excluded(broker)).containsAll(SharedServices.REDIS.autoConfigurations())
                .doesNotContainAnyElementsOf(SharedServices.BROKER.autoConfigurations());
    }

    @Test
    void bothConfiguredExcludesNothing() {
        StandardEnvironment environment = environment(Map.of("spring.data.redis.host", "cache",
                "spring.rabbitmq.addresses", "broker:5672"));

        new SharedServicesSwitch().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
    }

    @Test
    void theExcludedAutoConfigurationsExistUnderTheseNames() {
        // an exclusion of a renamed class would silently exclude nothing
        for (SharedServices service : SharedServices.values()) {
            for (String name : service.autoConfigurations()) {
                assertThat(ClassUtils.isPresent(name, getClass().getClassLoader())).as(name).isTrue();
            }
        }
    }

    private static List<String> excluded(StandardEnvironment environment) {
        String value = environment.getProperty("spring.autoconfigure.exclude");
        return value == null ? List.of() : Arrays.asList(value.split(","));
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
