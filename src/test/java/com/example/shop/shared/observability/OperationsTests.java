package com.example.shop.shared.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.jayway.jsonpath.JsonPath;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.api.AbstractDoubleAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;

import com.example.shop.orders.OrderPlaced;
import com.example.shop.payments.StripeEvents;
import com.example.shop.payments.StripeStandIn;
import com.example.shop.payments.internal.PaymentReconciliation;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.TcpProxy;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as an operator runs it: a real server, Actuator on a management port of its own, tracing on
 * (spans kept in memory), the database reached through a proxy the test can cut, and the API description
 * switched off as production may. Its own context, closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "management.endpoints.web.cors.allowed-origins=https://ops.example",
        "management.endpoints.web.cors.allowed-methods=GET",
        "shop.tracing.enabled=true",
        "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=100ms",
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.validation-timeout=1000",
        "springdoc.api-docs.enabled=false",
        "springdoc.swagger-ui.enabled=false",
        "shop.events.resubmission-interval=1s",
        "shop.payments.reconciliation.initial-delay=1h",
        "shop.orders.payment-timeout-initial-delay=1h",
        "logging.level.com.example.shop=INFO"
})
@DirtiesContext
class OperationsTests {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    TcpProxy database;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    ForcedDraw draw;

    ShopHttp app;
    ShopHttp management;
    final Captured captured = new Captured();

    @BeforeEach
    void connect() {
        app = new ShopHttp(port);
        management = new ShopHttp(managementPort);
        captured.attachTo(Probes.class, "com.example.shop.customers.internal.PasswordResetMail");
    }

    @AfterEach
    void detach() {
        captured.detach();
        draw.release();
    }

    @Test
    void prometheusOnTheManagementPortShowsEveryBusinessMetricAfterTheFlowThatMovesIt() throws Exception {
        UUID buyer = UUID.randomUUID();
        String token = Tokens.customer(buyer);
        UUID product = app.product("Scraped Teapot", 1200, 10);

        // placed, then paid through a signed webhook; a Stripe call on the way
        HttpResponse<String> paidCheckout = app.checkout(token, product, Map.of());
        String paidOrder = JsonPath.read(paidCheckout.body(), "$.orderId");
        app.deliver(StripeEvents.paymentSucceeded(JsonPath.read(paidCheckout.body(), "$.payment.paymentIntentId")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(
                JsonPath.read(app.call("GET", "/api/orders/" + paidOrder, token, Map.of(), null).body(), "$.status")));
        // placed, then cancelled by the customer
        String cancelled = JsonPath.read(app.checkout(token, product, Map.of()).body(), "$.orderId");
        assertThat(app.call("POST", "/api/orders/" + cancelled + "/cancel", token, Map.of(), null).statusCode())
                .isEqualTo(200);
        // a webhook that does not prove it comes from Stripe
        assertThat(app.call("POST", StripeEvents.WEBHOOK, null, Map.of("Stripe-Signature", "t=1,v1=00"), "{}")
                .statusCode()).isEqualTo(400);
        // a rate limit: the 11th failed login for one e-mail
        String email = "limited-" + UUID.randomUUID() + "@example.com";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(app.call("POST", "/api/auth/login", null, Map.of(),
                    "{\"email\": \"" + email + "\", \"password\": \"wrong password\"}").statusCode());
        }
        assertThat(statuses).endsWith(429);
        // a password-reset request goes through the background worker
        assertThat(app.call("POST", "/api/auth/password-reset", null, Map.of(), "{\"email\": \"" + email + "\"}")
                .statusCode()).isEqualTo(202);
        // reconciliation asks Stripe about a payment still waiting
        app.checkout(token, product, Map.of());
        assertThat(reconciliation.reconcileCreatedBefore(Instant.now().plusSeconds(60))).isNotNegative();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape();
            assertValue(scrape, "shop_orders_placed_total", Map.of()).isGreaterThanOrEqualTo(2);
            assertValue(scrape, "shop_orders_paid_total", Map.of()).isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_orders_cancelled_total", Map.of("reason", "cancelled-by-the-customer"))
                    .isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_payments_webhooks_total",
                    Map.of("type", "payment_intent.succeeded", "outcome", "applied"))
                    .isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_payments_webhooks_total",
                    Map.of("type", "unverified", "outcome", "invalid-signature"))
                    .isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_rate_limit_rejections_total", Map.of("limit", "too-many-login-attempts"))
                    .isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_payments_reconciliation_total", Map.of("result", "unchanged"))
                    .isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_stripe_requests_seconds_count",
                    Map.of("resource", "payment_intents", "method", "POST", "status", "200"))
                    .isGreaterThanOrEqualTo(3);
            assertValue(scrape, "shop_customers_password_reset_backlog", Map.of()).isZero();
            // moved by theEventPublicationGaugesFollowAListenerThatFailsUntilItSucceeds; given up after 3 days
            assertValue(scrape, "shop_events_publications_incomplete", Map.of()).isNotNegative();
            assertValue(scrape, "shop_events_publications_failed", Map.of()).isNotNegative();
            assertValue(scrape, "shop_events_publications_given_up", Map.of()).isNotNegative();
            // latency histograms for checkout and the webhook; the other requests are timed without buckets
            assertValue(scrape, "shop_request_latency_seconds_bucket",
                    Map.of("endpoint", "checkout", "status", "201", "le", "+Inf"))
                    .isGreaterThanOrEqualTo(2);
            assertValue(scrape, "shop_request_latency_seconds_bucket",
                    Map.of("endpoint", "stripe-webhook", "status", "200", "le", "+Inf"))
                    .isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_request_latency_seconds_bucket",
                    Map.of("endpoint", "stripe-webhook", "status", "400"))
                    .isGreaterThanOrEqualTo(1);
            assertValue(scrape, "http_server_requests_seconds_count", Map.of("uri", "/api/auth/login"))
                    .isGreaterThanOrEqualTo(11);
            assertValue(scrape, "http_server_requests_seconds_bucket", Map.of()).isNegative();
        });

        // the application's port does not serve it: 401, or 404 for an administrator
        assertThat(app.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(app.call("GET", "/actuator/prometheus", Tokens.admin(), Map.of(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void theEventPublicationGaugesFollowAListenerThatFailsUntilItSucceeds() throws Exception {
        UUID product = app.product("Gauged Teapot", 700, 5);
        HttpResponse<String> checkout = app.checkout(Tokens.customer(), product, Map.of());
        String order = JsonPath.read(checkout.body(), "$.orderId");
        // committing the reserved unit fails while none is reserved: orders' reaction to the payment fails
        setReserved(product, 0);
        app.deliver(StripeEvents.paymentSucceeded(JsonPath.read(checkout.body(), "$.payment.paymentIntentId")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scrape();
            assertValue(scrape, "shop_events_publications_failed", Map.of()).isGreaterThanOrEqualTo(1);
            assertValue(scrape, "shop_events_publications_incomplete", Map.of()).isGreaterThanOrEqualTo(1);
        });

        setReserved(product, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(jdbc.queryForObject(
                "select status from orders_order where id = unhex(replace(?, '-', ''))", String.class, order)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertValue(scrape(), "shop_events_publications_failed", Map.of()).isZero());
    }

    private void setReserved(UUID product, int reserved) {
        committed.update("update catalog_stock set reserved = ? where product_id = unhex(replace(?, '-', ''))", reserved,
                product.toString());
    }

    @Test
    void oneTraceSpansTheCheckoutAndItsStripeCallAndReachesTheAsyncListenersLogLines() throws Exception {
        UUID product = app.product("Traced Teapot", 900, 5);
        StripeStandIn.shared().resetRequests();
        String traceparent = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

        HttpResponse<String> checkout = app.checkout(Tokens.customer(), product,
                Map.of("traceparent", traceparent, "X-Request-Id", "checkout-traced-0001"));
        assertThat(checkout.headers().firstValue("X-Request-Id")).hasValue("checkout-traced-0001");

        // Stripe received the trace context: same trace, the client span as parent
        List<LoggedRequest> created = StripeStandIn.shared().requests("POST", "/v1/payment_intents");
        assertThat(created).isNotEmpty();
        String sent = created.get(created.size() - 1).getHeader("traceparent");
        assertThat(sent).startsWith("00-" + TRACE_ID + "-").endsWith("-01");

        // the server span ends after the answer was sent and is exported in batches: until both are there, the
        // lookups below find nothing and are asked again
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(TRACE_ID)).toList();
            SpanData server = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst()
                    .orElseThrow();
            assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
            SpanData stripe = trace.stream().filter(span -> span.getKind() == SpanKind.CLIENT
                    && span.getName().equals("stripe POST payment_intents")).findFirst().orElseThrow();
            assertThat(sent).contains("-" + stripe.getSpanId() + "-");
        });

        // the async listener of OrderPlaced logs on another thread, with the request's trace and correlation id
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(captured.lines())
                .anySatisfy(line -> {
                    assertThat(line.message()).startsWith("Heard OrderPlaced");
                    assertThat(line.thread()).isNotEqualTo(Thread.currentThread().getName());
                    assertThat(line.mdc()).containsEntry("traceId", TRACE_ID)
                            .containsEntry("correlationId", "checkout-traced-0001");
                }));
    }

    @Test
    void aRequestWithoutTraceparentStartsOneTraceThatSpansTheCheckoutAndItsStripeCall() throws Exception {
        UUID product = app.product("Rooted Teapot", 900, 5);
        StripeStandIn.shared().resetRequests();

        app.checkout(Tokens.customer(), product, Map.of("X-Request-Id", "checkout-rooted-0001"));

        Matcher sent = TraceparentToStripe.last(true);
        String trace = sent.group(1);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> {
            List<SpanData> spansOfTrace = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(trace)).toList();
            SpanData server = spansOfTrace.stream().filter(span -> span.getKind() == SpanKind.SERVER
                    && span.getName().contains("/api/checkout")).findFirst().orElseThrow();
            assertThat(server.getParentSpanId()).isEqualTo(SpanId.getInvalid());
            SpanData stripe = spansOfTrace.stream().filter(span -> span.getName().equals("stripe POST payment_intents"))
                    .findFirst().orElseThrow();
            assertThat(stripe.getSpanId()).isEqualTo(sent.group(2));
        });
        awaitListenerLine(trace, "checkout-rooted-0001");
    }

    @Test
    void theExportedSpansOfATraceShareTheTracerProvidersOneResource() throws Exception {
        UUID product = app.product("Grouped Teapot", 900, 5);
        String trace = "5ce0e9a56015fec5aadfa328ae398115";

        app.checkout(Tokens.customer(), product, Map.of("traceparent", "00-" + trace + "-ab3bda6d0d6e3e95-01"));

        // the server span, the Stripe call's and the listeners': several spans, each asked for its resource twice
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(trace)).count()).isGreaterThanOrEqualTo(2));
        // the OTLP exporter groups a batch's spans by resource instance: one instance, one group, the resource's
        // attributes sent once per batch rather than once per span
        Set<Resource> resources = Collections.newSetFromMap(new IdentityHashMap<>());
        spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(trace)).forEach(span -> {
            resources.add(span.getResource());
            resources.add(span.getResource());
        });
        assertThat(resources).hasSize(1);
    }

    @Test
    void theAsyncWorkOfARequestNotSampledStartsNoTraceOfItsOwnWhereOtherRootsAreSampled() throws Exception {
        UUID product = app.product("Orphan-free Teapot", 900, 5);
        StripeStandIn.shared().resetRequests();
        spans.reset();
        draw.force(false);

        app.checkout(Tokens.customer(), product, Map.of("X-Request-Id", "checkout-not-drawn-01"));

        Matcher sent = TraceparentToStripe.last(false);
        String trace = sent.group(1);
        // the listener logs with the trace id, and the observation it starts is a child of the unsampled trace
        awaitListenerLine(trace, "checkout-not-drawn-01");
        // while the scheduled probe's runs, roots sampled by the ratio (1 here), are exported, none of its spans is:
        // no span of its trace, and no root of a trace of its own
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getKind() == SpanKind.INTERNAL && !span.getParentSpanContext().isValid()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> spans.getFinishedSpanItems()
                .stream().noneMatch(span -> span.getTraceId().equals(trace)
                        || span.getName().equals(Probes.LISTENER_OBSERVATION)));
    }

    @Test
    void aTraceTheClientDidNotSampleKeepsItsIdInTheLogsAndStaysUnsampledDownToStripe() throws Exception {
        UUID product = app.product("Unsampled Teapot", 900, 5);
        StripeStandIn.shared().resetRequests();
        String unsampled = "6e0c63257de34c926f9efcd03927272e";

        HttpResponse<String> checkout = app.checkout(Tokens.customer(), product,
                Map.of("traceparent", "00-" + unsampled + "-b9c7c989f97918e1-00",
                        "X-Request-Id", "checkout-unsampled-01", "baggage", "tenant=acme"));
        assertThat(checkout.statusCode()).isEqualTo(201);
        assertThat(checkout.headers().firstValue("X-Request-Id")).hasValue("checkout-unsampled-01");

        // Stripe gets the same trace, flagged not sampled: it must not start sampling it
        List<LoggedRequest> created = StripeStandIn.shared().requests("POST", "/v1/payment_intents");
        assertThat(created).isNotEmpty();
        LoggedRequest sent = created.get(created.size() - 1);
        assertThat(sent.getHeader("traceparent")).matches("00-" + unsampled + "-[0-9a-f]{16}-00");
        // baggage is switched off: the client's is not passed on
        assertThat(sent.containsHeader("baggage")).isFalse();

        // the async listener's log lines carry the trace id all the same
        awaitListenerLine(unsampled, "checkout-unsampled-01");
        // and none of its spans is exported (the exporter runs every 100 ms here)
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> spans.getFinishedSpanItems()
                .stream().noneMatch(span -> span.getTraceId().equals(unsampled)));
    }

    @Test
    void thePasswordResetWorkerAndTheScheduledJobsLogWithTheirTraceAndCorrelationIds() throws Exception {
        String email = "traced-" + UUID.randomUUID() + "@example.com";
        assertThat(app.call("POST", "/api/auth/register", null, Map.of(),
                "{\"email\": \"" + email + "\", \"password\": \"correct horse\", \"name\": \"Ada\"}").statusCode())
                .isEqualTo(201);
        String resetTrace = "0af7651916cd43dd8448eb211c80319c";
        assertThat(app.call("POST", "/api/auth/password-reset", null,
                Map.of("traceparent", "00-" + resetTrace + "-b7ad6b7169203331-01", "X-Request-Id", "reset-traced-0001"),
                "{\"email\": \"" + email + "\"}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(captured.lines()).anySatisfy(line -> {
                assertThat(line.message()).contains("not delivered");
                assertThat(line.mdc()).containsEntry("traceId", resetTrace)
                        .containsEntry("correlationId", "reset-traced-0001");
            });
            // every run of a scheduled job is a trace of its own, with a correlation id of its own
            assertThat(captured.lines()).filteredOn(line -> line.message().equals("Scheduled probe ran"))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(line -> {
                        assertThat(line.mdc().get("traceId")).hasSize(32);
                        assertThat(line.mdc().get("correlationId")).startsWith("job-");
                    })
                    .extracting(line -> line.mdc().get("traceId")).doesNotHaveDuplicates();
        });
    }

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws Exception {
        assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(app.get("/readyz").statusCode()).isEqualTo(200);
        database.cut();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> readiness = management.get("/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"DOWN\"");
            });
            assertThat(app.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(app.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(app.get("/actuator/health").statusCode()).isEqualTo(503);
            HttpResponse<String> liveness = management.get("/actuator/health/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(liveness.body()).contains("\"UP\"");
            assertThat(app.get("/livez").statusCode()).isEqualTo(200);
            assertThat(app.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            database.restore();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
        assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
        // A run of the event registry's resubmission (every second here) that the cut interrupted could not release
        // its scheduler lock, which then holds for its lockAtMostFor (a minute), as it would after a real outage.
        // The gauges another test waits for are refreshed by that job: its lock is released here, as ShedLock's
        // unlock does (the row stays: ShedLock remembers it exists and only updates it from then on).
        committed.update("update shedlock set lock_until = utc_timestamp(3) where name = 'events.resubmission'");
    }

    @Test
    void theManagementPortShowsBuildInfoAndTheModulesAndTheApiDescriptionCanBeSwitchedOff() throws Exception {
        HttpResponse<String> info = management.get("/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(info.body(), "$.build.artifact")).isEqualTo("shop-api");
        if (getClass().getResource("/git.properties") != null) {
            assertThat((String) JsonPath.read(info.body(), "$.git.commit.id")).isNotBlank();
        }
        HttpResponse<String> modules = management.get("/actuator/modulith");
        assertThat(modules.statusCode()).isEqualTo(200);
        assertThat(modules.body()).contains("\"orders\"", "\"payments\"");
        // switched off here as production may: no API description, no Swagger UI
        assertThat(app.get("/v3/api-docs").statusCode()).isEqualTo(404);
        assertThat(app.get("/swagger-ui/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void actuatorRefusesAnOriginItDoesNotAllowWithAProblem() throws Exception {
        HttpResponse<String> allowed = management.call("GET", "/actuator/health", null,
                Map.of("Origin", "https://ops.example"), null);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ops.example");
        for (String method : List.of("GET", "OPTIONS")) {
            Map<String, String> headers = method.equals("GET") ? Map.of("Origin", "https://evil.example")
                    : Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET");
            HttpResponse<String> refused = management.call(method, "/actuator/health", null, headers, null);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat((String) JsonPath.read(refused.body(), "$.type"))
                    .isEqualTo("https://shop.example/problems/origin-not-allowed");
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> scrape = management.get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body();
    }

    static AbstractDoubleAssert<?> assertValue(String scrape, String name, Map<String, String> labels) {
        return assertThat(value(scrape, name, labels)).as("%s%s", name, labels);
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; -1 when there is none. */
    static double value(String scrape, String name, Map<String, String> labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{(.*)})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (matcher.find()) {
            String given = matcher.group(2) == null ? "" : matcher.group(2);
            if (labels.entrySet().stream().allMatch(l -> given.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(matcher.group(3));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    /** The async listener of OrderPlaced logs with the request's trace id and correlation id. */
    private void awaitListenerLine(String traceId, String correlationId) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(captured.lines())
                .anySatisfy(line -> {
                    assertThat(line.message()).startsWith("Heard OrderPlaced");
                    assertThat(line.mdc()).containsEntry("traceId", traceId)
                            .containsEntry("correlationId", correlationId);
                }));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OperationsTestConfiguration {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }

        /** The real database behind a proxy this test can cut. */
        @Bean(destroyMethod = "close")
        TcpProxy databaseProxy(Environment environment) {
            Matcher url = Pattern.compile("^jdbc:mysql://([^:/]+):(\\d+)/")
                    .matcher(environment.getRequiredProperty("spring.datasource.url"));
            assertThat(url.find()).isTrue();
            return TcpProxy.to(url.group(1), Integer.parseInt(url.group(2)));
        }

        @Bean
        DynamicPropertyRegistrar throughTheProxy(Environment environment, TcpProxy proxy) {
            String url = environment.getRequiredProperty("spring.datasource.url")
                    .replaceFirst("^(jdbc:mysql://[^:/]+):\\d+/", "$1:" + proxy.port() + "/");
            return registry -> registry.add("spring.datasource.url", () -> url);
        }

        @Bean
        Probes probes(ObservationRegistry observations) {
            return new Probes(observations);
        }

        @Bean
        @Primary
        ForcedDraw forcedDraw(@Qualifier("samplingDraw") SamplingDraw samplingDraw) {
            return new ForcedDraw(samplingDraw);
        }
    }

    /** An async listener (observed) and a scheduled job of the test's own, that log a line each. */
    static class Probes {

        static final String LISTENER_OBSERVATION = "shop.test.listener";

        private static final org.slf4j.Logger log = LoggerFactory.getLogger(Probes.class);

        private final ObservationRegistry observations;

        Probes(ObservationRegistry observations) {
            this.observations = observations;
        }

        @ApplicationModuleListener
        void on(OrderPlaced event) {
            log.info("Heard OrderPlaced {}", event.orderId());
            Observation.createNotStarted(LISTENER_OBSERVATION, observations).observe(() -> { });
        }

        @Scheduled(fixedDelay = 300)
        void probe() {
            log.info("Scheduled probe ran");
        }
    }

    record Line(String message, String thread, Map<String, String> mdc) {
    }

    /** Log lines of some loggers, each with the MDC of the thread that logged it, taken as it logged it. */
    static final class Captured extends AppenderBase<ILoggingEvent> {

        private final List<Line> lines = new CopyOnWriteArrayList<>();
        private final List<Logger> loggers = new ArrayList<>();

        void attachTo(Class<?> type, String name) {
            start();
            for (String logger : List.of(type.getName(), name)) {
                Logger attached = (Logger) LoggerFactory.getLogger(logger);
                attached.addAppender(this);
                loggers.add(attached);
            }
        }

        void detach() {
            loggers.forEach(logger -> logger.detachAppender(this));
            stop();
        }

        List<Line> lines() {
            return List.copyOf(lines);
        }

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new Line(event.getFormattedMessage(), event.getThreadName(),
                    Map.copyOf(event.getMDCPropertyMap())));
        }
    }
}
