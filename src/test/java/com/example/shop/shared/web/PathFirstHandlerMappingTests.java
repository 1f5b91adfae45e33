package com.example.shop.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PathFirstHandlerMapping} chooses what Spring MVC's own lookup chooses: every mapping of the application
 * is asked for by every method, with and without a JSON body and with an {@code Accept} it cannot produce, and
 * the answer (the handler and its path variables, or the exception Spring MVC turns into 404, 405, 406 or 415)
 * is compared with a plain {@link RequestMappingHandlerMapping} holding the same mappings.
 */
@IntegrationTest
class PathFirstHandlerMappingTests {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    ApplicationContext context;

    @Test
    void theApplicationsLookupIsThePathFirstOne() {
        assertThat(mapping).isInstanceOf(PathFirstHandlerMapping.class);
    }

    @Test
    void aPatternIsIndexedByTheLiteralSegmentsBeforeItsFirstVariable() {
        assertThat(PathFirstHandlerMapping.fixedSegments("/api/products/{slug}")).containsExactly("api", "products");
        assertThat(PathFirstHandlerMapping.fixedSegments("/api/files/{*rest}")).containsExactly("api", "files");
        assertThat(PathFirstHandlerMapping.fixedSegments("/api/**")).containsExactly("api");
        assertThat(PathFirstHandlerMapping.fixedSegments("/api/v{version}/x")).containsExactly("api");
        assertThat(PathFirstHandlerMapping.fixedSegments("/api/carts/mine/")).containsExactly("api", "carts", "mine");
        assertThat(PathFirstHandlerMapping.fixedSegments("")).isEmpty();
        assertThat(PathFirstHandlerMapping.fixedSegments("/")).isEmpty();
    }

    @Test
    void everyRequestFindsWhatSpringMvcsOwnLookupFinds() {
        RequestMappingHandlerMapping plain = new RequestMappingHandlerMapping();
        plain.setApplicationContext(context);
        mapping.getHandlerMethods().forEach((info, method) -> plain.registerMapping(info, method.getBean(), method.getMethod()));

        List<String> paths = new ArrayList<>(List.of("/", "", "/api", "/api/", "/api/unknown", "/api/products/a/b/c",
                "/api/%70roducts/binoculars", "/api/products/binoculars%2Fx", "/api;v=1/products/binoculars",
                "/api/products;v=1/binoculars", "/API/products/binoculars", "/api//products/binoculars",
                "/api/products/binoculars/", "/api/products/", "/api/products"));
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (PathPattern pattern : Objects.requireNonNull(info.getPathPatternsCondition()).getPatterns()) {
                String concrete = concrete(pattern.getPatternString());
                paths.addAll(List.of(concrete, concrete + "/extra", concrete + "/", concrete.toUpperCase(),
                        concrete.substring(0, concrete.length() - 1), emptyCaptures(pattern.getPatternString())));
            }
        }
        assertThat(paths).hasSizeGreaterThan(100);

        List<String> compared = new ArrayList<>();
        for (String path : paths) {
            for (String method : METHODS) {
                for (String accept : List.of("application/json", "image/gif")) {
                    for (String contentType : new String[] { null, "application/json", "text/plain" }) {
                        String request = method + " " + path + " accept " + accept + " content " + contentType;
                        assertThat(outcome(mapping, path, method, accept, contentType))
                                .as(request)
                                .isEqualTo(outcome(plain, path, method, accept, contentType));
                        compared.add(request);
                    }
                }
            }
        }
        assertThat(compared).hasSizeGreaterThan(20_000);
    }

    @Test
    void severalMatchingMappingsAreRankedAsSpringMvcRanksThem() throws Exception {
        SideBySide lookups = new SideBySide(context);
        lookups.register("/api/overlap/{*rest}", "/api/overlap/{name}", "/api/overlap/fixed", "/api/{area}/fixed", "/**");
        for (String path : List.of("/api/overlap/fixed", "/api/overlap/abc", "/api/overlap/abc/def", "/api/overlap",
                "/api/other/fixed", "/elsewhere")) {
            assertThat(lookups.pathFirst(path)).as(path).isEqualTo(lookups.plain(path))
                    .contains(Overlapping.class.getSimpleName());
        }
    }

    @Test
    void aMappingRegisteredAfterTheFirstLookupsIsFound() throws Exception {
        SideBySide lookups = new SideBySide(context);
        for (String pattern : List.of("/api/late/{name}", "/api/late/fixed")) {
            lookups.register(pattern);
            assertThat(lookups.pathFirst("/api/late/fixed")).as(pattern).isEqualTo(lookups.plain("/api/late/fixed"))
                    .contains(pattern);
        }
    }

    /** A {@link PathFirstHandlerMapping} and a plain Spring lookup, given the same GET mappings to one handler. */
    static final class SideBySide {

        private final RequestMappingHandlerMapping pathFirst = new PathFirstHandlerMapping();
        private final RequestMappingHandlerMapping plain = new RequestMappingHandlerMapping();
        private final RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();

        SideBySide(ApplicationContext context) {
            options.setPatternParser(PathPatternParser.defaultInstance);
            pathFirst.setApplicationContext(context);
            plain.setApplicationContext(context);
        }

        void register(String... patterns) throws NoSuchMethodException {
            for (String pattern : patterns) {
                for (RequestMappingHandlerMapping lookup : List.of(pathFirst, plain)) {
                    lookup.registerMapping(RequestMappingInfo.paths(pattern).methods(RequestMethod.GET).options(options)
                            .build(), new Overlapping(), Overlapping.class.getMethod("any"));
                }
            }
        }

        String pathFirst(String path) {
            return outcome(pathFirst, path, "GET", "application/json", null);
        }

        String plain(String path) {
            return outcome(plain, path, "GET", "application/json", null);
        }
    }

    static class Overlapping {

        public String any() {
            return "";
        }
    }

    /** The handler and the path variables found, or the name of what was thrown. */
    private static String outcome(RequestMappingHandlerMapping lookup, String path, String method, String accept,
            String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Accept", accept);
        if (contentType != null) {
            request.setContentType(contentType);
            request.setContent("{}".getBytes());
        }
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = lookup.getHandler(request);
            return chain == null ? "no handler"
                    : chain.getHandler() + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
                            + " " + variables(request);
        }
        catch (Exception e) {
            return e.getClass().getName();
        }
    }

    private static Object variables(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map ? Map.copyOf(map) : "none";
    }

    /** The pattern with its catch-all variables and {@code **} matching no segment at all. */
    private static String emptyCaptures(String pattern) {
        return concrete(pattern.replaceAll("/\\{\\*[^}]+}", "").replace("/**", ""));
    }

    /** A path the pattern matches: each variable, wildcard or catch-all replaced by a value. */
    private static String concrete(String pattern) {
        String path = pattern.replaceAll("/\\{\\*[^}]+}", "/x/y").replaceAll("\\{[^}]+}", "v1")
                .replace("**", "a/b").replace("*", "a");
        return path.isEmpty() ? "/" : path;
    }
}
