package com.example.shop.shared.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The application's {@code @RequestMapping} lookup, asking only the mappings whose fixed path segments the request's
 * path starts with.
 * <p>
 * A request whose path is not one of the mappings' fixed paths ({@code /api/products/binoculars}) is matched by Spring
 * MVC against every mapping of the application, each checking method, parameters, headers, content types, {@code
 * Accept}, API version and path patterns; with the shop's hundred-odd mappings that was a sixth of the CPU of serving a
 * cached product page. Here the mappings are indexed by the literal segments their patterns start with (those before
 * the first variable or wildcard: {@code api}, {@code products} for {@code /api/products/{slug}}), and a lookup asks
 * only the mappings found along the request's segments, a handful, each by Spring's own conditions. No mapping outside
 * them can match. When exactly one of them matches, it is the answer Spring's lookup would give, and it is recorded
 * on the request as Spring records it; every other case (none, several to rank, a path with percent-escapes, whose
 * decoded form is what patterns match, a case-insensitive parser) goes to Spring's lookup unchanged, so the 404, 405,
 * 406 and 415 answers, the ranking of several matches and CORS pre-flights are Spring's. Spring MVC has no index of
 * its own nor a setting for one; hence this subclass.
 */
public class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

    /** Counts registrations; an index built before the latest one is built again. */
    private final AtomicLong changes = new AtomicLong();
    private volatile @Nullable Index index;

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
            throws Exception {
        if (lookupPath.indexOf('%') < 0 && getPatternParser() != null && getPatternParser().isCaseSensitive()) {
            RequestMappingInfo matched = null;
            HandlerMethod handler = null;
            for (Candidate candidate : index().candidates(lookupPath)) {
                RequestMappingInfo match = super.getMatchingMapping(candidate.info(), request);
                if (match != null) {
                    if (matched != null) {
                        return super.lookupHandlerMethod(lookupPath, request); // Spring ranks several matches
                    }
                    matched = match;
                    handler = candidate.handler();
                }
            }
            if (matched != null) {
                request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
                handleMatch(matched, lookupPath, request);
                return handler;
            }
        }
        return super.lookupHandlerMethod(lookupPath, request);
    }

    // Counted before the registry changes: a lookup (under the registry's read lock) that finds its index older than
    // the count builds it again, and a registration made while an index is built leaves that index outdated.

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        changes.incrementAndGet();
        super.registerHandlerMethod(handler, method, mapping);
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        changes.incrementAndGet();
        super.registerMapping(mapping, handler, method);
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        changes.incrementAndGet();
        super.unregisterMapping(mapping);
    }

    private Segment index() {
        Index current = index;
        long version = changes.get();
        if (current == null || current.version() != version) {
            current = new Index(version, build());
            index = current;
        }
        return current.root();
    }

    private Segment build() {
        Segment root = new Segment();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : getHandlerMethods().entrySet()) {
            PathPatternsRequestCondition paths = mapping.getKey().getPathPatternsCondition();
            List<PathPattern> patterns = paths != null ? List.copyOf(paths.getPatterns()) : List.of();
            if (patterns.isEmpty()) {
                root.add(List.of(), mapping.getKey(), mapping.getValue());
            }
            for (PathPattern pattern : patterns) {
                root.add(fixedSegments(pattern.getPatternString()), mapping.getKey(), mapping.getValue());
            }
        }
        return root;
    }

    /**
     * The literal segments a pattern starts with: all of them for a pattern without variables or wildcards, else those
     * before the segment holding the first one ({@code /api/files/{*rest}} and {@code /api/**} also match
     * {@code /api/files} and {@code /api}). Empty segments are left out, which can only add candidates.
     */
    static List<String> fixedSegments(String pattern) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (start <= pattern.length()) {
            int end = pattern.indexOf('/', start);
            String segment = pattern.substring(start, end < 0 ? pattern.length() : end);
            if (segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
                break;
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return segments;
    }

    private record Index(long version, Segment root) {
    }

    private record Candidate(RequestMappingInfo info, HandlerMethod handler) {
    }

    /** The mappings whose fixed segments end here, and the segments that follow. */
    private static final class Segment {

        private final List<Candidate> mappings = new ArrayList<>();
        private final Map<String, Segment> next = new HashMap<>();

        void add(List<String> segments, RequestMappingInfo info, HandlerMethod handler) {
            Segment node = this;
            for (String segment : segments) {
                node = node.next.computeIfAbsent(segment, s -> new Segment());
            }
            Candidate candidate = new Candidate(info, handler);
            if (!node.mappings.contains(candidate)) {
                node.mappings.add(candidate);
            }
        }

        /** The mappings met along the path's segments: every mapping that can match the path, and a few more. */
        List<Candidate> candidates(String path) {
            List<Candidate> found = new ArrayList<>(mappings);
            Segment node = this;
            int start = 0;
            while (node != null && start < path.length()) {
                int end = path.indexOf('/', start);
                end = end < 0 ? path.length() : end;
                if (end > start) {
                    node = node.next.get(path.substring(start, end));
                    if (node != null) {
                        found.addAll(node.mappings);
                    }
                }
                start = end + 1;
            }
            return found;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        WebMvcRegistrations pathFirstHandlerMapping() {
            return new WebMvcRegistrations() {
                @Override
                public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                    return new PathFirstHandlerMapping();
                }
            };
        }
    }
}
