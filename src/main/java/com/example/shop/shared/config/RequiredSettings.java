package com.example.shop.shared.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start without the settings production cannot run without, and names every missing one
 * at once by its environment variable. Runs as soon as the environment is known, before any bean
 * (and so before a connection pool or a Stripe client) is made.
 */
public class RequiredSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** Property name → the environment variable that usually sets it. */
    static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("spring.datasource.url", "SPRING_DATASOURCE_URL");
        REQUIRED.put("spring.datasource.username", "SPRING_DATASOURCE_USERNAME");
        REQUIRED.put("shop.security.jwt.secret", "SHOP_JWT_SECRET");
        REQUIRED.put("shop.stripe.secret-key", "STRIPE_SECRET_KEY");
        REQUIRED.put("shop.stripe.publishable-key", "STRIPE_PUBLISHABLE_KEY");
        REQUIRED.put("shop.stripe.webhook-secret", "STRIPE_WEBHOOK_SECRET");
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        List<String> missing = REQUIRED.entrySet().stream()
                .filter(entry -> !StringUtils.hasText(environment.getProperty(entry.getKey())))
                .map(Map.Entry::getValue)
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
