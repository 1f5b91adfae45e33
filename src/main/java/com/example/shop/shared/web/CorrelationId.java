package com.example.shop.shared.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is a sane token,
 * a fresh one otherwise. It is in the logs (MDC {@code correlationId}), in the response header and in
 * the body of every 500 problem, so a support request can be matched to its log lines.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationId extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    /** The current request's correlation id, or a new one outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : newId();
    }

    /**
     * A fresh id shaped as a random (version 4) UUID, from the request thread's own generator: {@code UUID.randomUUID}
     * draws from one shared {@code SecureRandom}, which every request thread would meet (about 1 % of a cached
     * listing's CPU), and an id that only matches a response to its log lines need not be unpredictable.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & 0xffffffffffff0fffL | 0x0000000000004000L;
        long low = random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // an error dispatch (a failure the container forwards to /error) keeps the id the request already had
        String id = request.getAttribute(MDC_KEY) instanceof String earlier ? earlier : fromHeader(request);
        request.setAttribute(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        response.setHeader(HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private static String fromHeader(HttpServletRequest request) {
        String given = request.getHeader(HEADER);
        return given != null && SAFE.matcher(given).matches() ? given : newId();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
