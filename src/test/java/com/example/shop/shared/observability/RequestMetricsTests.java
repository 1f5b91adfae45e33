package com.example.shop.shared.observability;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;

import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ServerHttpObservationFilter;

import com.example.shop.testsupport.QuietSchedulers;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.Tokens;

import static com.example.shop.shared.observability.OperationsTests.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http_server_requests_seconds} as Prometheus scrapes it on the management port, over real HTTP: the same
 * series, with the same tags, each request counted once, whether {@link RequestTimer} records it (tracing off,
 * the default; tracing on and the request not sampled) or Spring's observation does (tracing on, sampled), and
 * no long-task timer per request in any.
 */
class RequestMetricsTests {

    static final String COUNT = "http_server_requests_seconds_count";

    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "management.server.port=0", "shop.tracing.enabled=false" })
    @QuietSchedulers
    @Import(Probe.class)
    @DirtiesContext
    @Nested
    class TracingOff extends Cases {

        @Test
        void theRequestTimerTakesThePlaceOfTheObservationFilter(@Autowired ApplicationContext context) {
            assertThat(context.getBeansOfType(RequestTimer.class)).isEmpty(); // registered, not a bean itself
            assertThat(context.getBeanNamesForType(RequestMetricsConfiguration.class)).hasSize(1);
            assertThat(context.getBeansOfType(ServerHttpObservationFilter.class)).isEmpty();
            // and nothing of head sampling: no filter, no sampler, no propagation of an unsampled trace
            assertThat(observationFilters(context)).noneMatch(HeadSampling.class::isInstance);
            assertThat(context.getBeanNamesForType(HeadSamplingConfiguration.class)).isEmpty();
            assertThat(context.getBeanNamesForType(Sampler.class)).isEmpty();
            assertThat(context.getBeanNamesForType(UnsampledTrace.Propagation.class)).isEmpty();
        }
    }

    /** Not sampled: no observation, the head-sampling filter's own timer counts each request once. */
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "management.server.port=0", "shop.tracing.enabled=true", "management.tracing.sampling.probability=0" })
    @QuietSchedulers
    @Import(Probe.class)
    @DirtiesContext
    @Nested
    class TracingOnNotSampled extends Cases {

        @Test
        void theHeadSamplingFilterTakesThePlaceOfTheObservationFilter(@Autowired ApplicationContext context) {
            assertThat(context.getBeanNamesForType(RequestMetricsConfiguration.class)).isEmpty();
            assertThat(observationFilters(context)).singleElement().isInstanceOf(HeadSampling.class);
        }
    }

    /** Sampled: the observation counts each request once, in the same series. */
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "management.server.port=0", "shop.tracing.enabled=true", "management.tracing.sampling.probability=1" })
    @QuietSchedulers
    @Import(Probe.class)
    @DirtiesContext
    @Nested
    class TracingOnSampled extends Cases {
    }

    /** The observation filters the application registers, whether as beans or through registration beans. */
    static List<Filter> observationFilters(ApplicationContext context) {
        List<Filter> filters = new ArrayList<>(context.getBeansOfType(ServerHttpObservationFilter.class).values());
        context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                .map(FilterRegistrationBean::getFilter)
                .filter(ServerHttpObservationFilter.class::isInstance)
                .forEach(filters::add);
        return filters;
    }

    abstract static class Cases {

        @LocalServerPort
        int port;

        @LocalManagementPort
        int managementPort;

        ShopHttp app;
        ShopHttp management;

        @BeforeEach
        void connect() {
            app = new ShopHttp(port);
            management = new ShopHttp(managementPort);
        }

        @Test
        void aMatchedRouteIsCountedUnderItsTemplate() throws Exception {
            Map<String, String> tags = Map.of("method", "GET", "uri", "/api/products", "status", "200",
                    "outcome", "SUCCESS", "exception", "none", "error", "none");
            double before = count(tags);
            for (int i = 0; i < 3; i++) {
                assertThat(app.get("/api/products").statusCode()).isEqualTo(200);
            }
            assertThat(count(tags) - before).isEqualTo(3);

            Map<String, String> missing = Map.of("method", "GET", "uri", "/api/products/{idOrSlug}", "status", "404",
                    "outcome", "CLIENT_ERROR", "exception", "none");
            before = count(missing);
            assertThat(app.get("/api/products/no-such-product-slug").statusCode()).isEqualTo(404);
            assertThat(count(missing) - before).isEqualTo(1);
        }

        @Test
        void aPathNoRouteMatchesIsCountedAsNotFoundNotUnderItsPath() throws Exception {
            Map<String, String> tags = Map.of("method", "GET", "uri", "NOT_FOUND", "status", "404",
                    "outcome", "CLIENT_ERROR");
            double before = count(tags);
            HttpResponse<String> answer = app.call("GET", "/api/no-such-route/4711", Tokens.customer(), Map.of(),
                    null);
            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(count(tags) - before).isEqualTo(1);
            assertThat(scrape()).doesNotContain("no-such-route");
        }

        @Test
        void anExceptionTheApplicationAnswersIsCountedByItsStatus() throws Exception {
            // the exception handler answered it (a problem): Spring's observation does not name the exception
            Map<String, String> tags = Map.of("method", "GET", "uri", "/api/test-probe/metrics/fails/{what}",
                    "status", "500", "outcome", "SERVER_ERROR", "exception", "none", "error", "none");
            double before = count(tags);
            HttpResponse<String> answer = app.call("GET", "/api/test-probe/metrics/fails/disk", Tokens.customer(),
                    Map.of(), null);
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(count(tags) - before).isEqualTo(1);
        }

        @Test
        void anExceptionThatLeavesTheFiltersIsCountedWithItsNameAsA500() throws Exception {
            Map<String, String> tags = Map.of("method", "GET", "uri", "UNKNOWN", "status", "500",
                    "outcome", "SERVER_ERROR", "exception", "IllegalStateException", "error", "IllegalStateException");
            double before = count(tags);
            HttpResponse<String> answer = app.call("GET", Probe.FILTER_FAILS, Tokens.customer(), Map.of(), null);
            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(count(tags) - before).isEqualTo(1);
        }

        @Test
        void noLongTaskTimerPerRequest() throws Exception {
            assertThat(app.get("/api/products").statusCode()).isEqualTo(200);
            assertThat(scrape()).contains(COUNT).doesNotContain("http_server_requests_active");
        }

        private double count(Map<String, String> tags) throws Exception {
            return Math.max(0, value(scrape(), COUNT, tags));
        }

        private String scrape() throws Exception {
            HttpResponse<String> scrape = management.get("/actuator/prometheus");
            assertThat(scrape.statusCode()).isEqualTo(200);
            return scrape.body();
        }
    }

    /** An endpoint and a filter that fail as a bug would. */
    @TestConfiguration(proxyBeanMethods = false)
    @RestController
    static class Probe {

        static final String FILTER_FAILS = "/api/test-probe/metrics/filter-fails";

        @Bean
        FilterRegistrationBean<Filter> failingFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                throw new IllegalStateException("a filter's bug");
            });
            registration.addUrlPatterns(FILTER_FAILS);
            return registration;
        }

        @GetMapping("/api/test-probe/metrics/fails/{what}")
        String fails(@PathVariable String what) {
            throw new IllegalStateException("no " + what);
        }
    }
}
