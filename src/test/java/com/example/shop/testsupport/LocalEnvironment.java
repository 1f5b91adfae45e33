package com.example.shop.testsupport;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import com.example.shop.payments.StripeSignatures;
import com.example.shop.payments.StripeStandIn;

/**
 * Test-scope only (it never reaches the production jar): gives the tests and the dev run
 * ({@code ./mvnw spring-boot:test-run}) everything production takes from the environment.
 * <ul>
 * <li>A database: {@code SHOP_TEST_DATABASE_URL} (plus {@code _USERNAME}/{@code _PASSWORD}) when set,
 * otherwise an {@link EmbeddedMariaDb} — fresh per test JVM, kept in {@code target/dev-db} for the dev
 * run. An explicit {@code spring.datasource.url} wins over both.</li>
 * <li>For the dev run, a {@link TestSourcesExcludeFilter}: it scans what production scans, plus only what
 * {@code DevConfiguration} imports.</li>
 * <li>A JWT signing key and Stripe test-mode settings that only work against the local stand-in,
 * unless real ones are set. The tests always, and the dev run without a {@code STRIPE_SECRET_KEY}, start the
 * JVM's {@link StripeStandIn} and point {@code shop.stripe.api-base} at it (in the dev run an explicit
 * {@code STRIPE_API_BASE} wins).</li>
 * <li>For the dev run without a {@code SPRING_MAIL_HOST}, an SMTP server in the JVM ({@link TestMailServer}) that
 * captures every mail, shown at {@code GET /dev/mail?to=}.</li>
 * </ul>
 */
public class LocalEnvironment implements EnvironmentPostProcessor, Ordered {

    public static final String DEV_JWT_SECRET = "dev-only-jwt-secret-not-for-production-use-0123456789";

    private final Log log;

    public LocalEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(LocalEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        boolean dev = environment.acceptsProfiles(Profiles.of("dev"));
        if (dev) {
            application.addInitializers(context -> ((GenericApplicationContext) context).getDefaultListableBeanFactory()
                    .registerSingleton("testSourcesExcludeFilter", new TestSourcesExcludeFilter()));
        }
        if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            String external = System.getenv("SHOP_TEST_DATABASE_URL");
            if (StringUtils.hasText(external)) {
                properties.put("spring.datasource.url", external);
                properties.put("spring.datasource.username", envOr("SHOP_TEST_DATABASE_USERNAME", "root"));
                properties.put("spring.datasource.password", envOr("SHOP_TEST_DATABASE_PASSWORD", ""));
            } else {
                EmbeddedMariaDb db = EmbeddedMariaDb.acquire(dev ? new File("target/dev-db") : null);
                log.info("Using the embedded MariaDB at " + db.jdbcUrl());
                properties.put("spring.datasource.url", db.jdbcUrl());
                properties.put("spring.datasource.username", db.username());
                properties.put("spring.datasource.password", db.password());
                application.addInitializers(context -> ((GenericApplicationContext) context).getDefaultListableBeanFactory()
                        .registerDisposableBean("embeddedMariaDbLease", EmbeddedMariaDb::release));
            }
        }
        if (!StringUtils.hasText(environment.getProperty("shop.security.jwt.secret"))) {
            log.warn("Signing access tokens with the built-in DEVELOPMENT key: never use this outside a local run");
            properties.put("shop.security.jwt.secret", DEV_JWT_SECRET);
        }
        if (!dev || !StringUtils.hasText(environment.getProperty("shop.stripe.secret-key"))) {
            // Tests always, the dev run without a real key: talk to the JVM's Stripe stand-in (WireMock),
            // started here on first use. A STRIPE_SECRET_KEY exported in a developer's shell never makes
            // the test suite call Stripe.
            properties.put("shop.stripe.secret-key", "sk_test_local_stand_in");
            properties.put("shop.stripe.publishable-key", "pk_test_local_stand_in");
            properties.put("shop.stripe.webhook-secret", StripeSignatures.LOCAL_WEBHOOK_SECRET);
            if (!dev || !StringUtils.hasText(environment.getProperty("shop.stripe.api-base"))) {
                properties.put("shop.stripe.api-base", StripeStandIn.shared().baseUrl());
            }
        }
        if (dev && !StringUtils.hasText(environment.getProperty("spring.mail.host"))) {
            // The dev run captures mail: a real SMTP server in the JVM takes it, GET /dev/mail shows it
            TestMailServer mail = TestMailServer.shared(environment.getProperty("shop.dev.mail-port", Integer.class, 0));
            log.info("Capturing mail in the JVM's SMTP server on port " + mail.port() + ": see GET /dev/mail?to=");
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", mail.port());
        }
        environment.getPropertySources().addFirst(new MapPropertySource("shopLocalEnvironment", properties));
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
