package com.example.shop.shared.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Leaves Boot's Redis and RabbitMQ auto-configurations out unless their connection is configured
 * ({@link SharedServices}). On the classpath alone, Boot would connect to localhost and report the service in
 * the readiness probe: a single instance without Redis or a broker would then never be ready.
 */
class SharedServicesSwitch implements EnvironmentPostProcessor, Ordered {

    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> left = new ArrayList<>();
        for (SharedServices service : SharedServices.values()) {
            if (!service.configured(environment)) {
                left.addAll(service.autoConfigurations());
            }
        }
        if (left.isEmpty()) {
            return;
        }
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
        excluded.addAll(left);
        environment.getPropertySources().addFirst(new MapPropertySource("shopSharedServicesSwitch",
                Map.of(EXCLUDE, String.join(",", excluded))));
    }

    @Override
    public int getOrder() {
        // after the application's configuration; before TracingSwitch, which adds its own excludes to these
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
