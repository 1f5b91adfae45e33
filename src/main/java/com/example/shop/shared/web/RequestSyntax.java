package com.example.shop.shared.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, the parts of a request that the servlet container and Spring would
 * otherwise fail on deep inside (with a 500) wherever they happen to be read, Actuator included:
 * <ul>
 * <li>a {@code Content-Type} that is not one concrete media type ({@code *}{@code /*}, {@code application/*},
 * garbage): 415, as for any media type the operation does not take;</li>
 * <li>a query string with a broken percent-escape, bytes that are not UTF-8, or a parameter that breaks the
 * {@link TextRule}: 400 {@code invalid-parameter} naming the parameter.</li>
 * </ul>
 * The answers are the ones {@link ExceptionTranslator} gives for the same mistakes found later
 * ({@link Problems#unsupportedMediaType()}, {@link Problems#invalidParameter(String)}). Hand-written because
 * Tomcat's own decoding only reports the failure as an exception from whichever {@code getParameter} call comes
 * first, and Spring's {@code MediaType} refuses wildcards only when a body is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSyntax extends OncePerRequestFilter {

    private final ProblemResponseWriter problems;

    public RequestSyntax(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !concrete(contentType)) {
            problems.write(response, Problems.unsupportedMediaType());
            return;
        }
        String badParameter = firstBadParameter(request.getQueryString());
        if (badParameter != null) {
            problems.write(response, Problems.invalidParameter(badParameter));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The name of the first query parameter that cannot be decoded or breaks the rule; null when all are fine. */
    static @Nullable String firstBadParameter(@Nullable String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null || !TextRule.allows(name, false) || !TextRule.allows(value, false)) {
                return name == null || !TextRule.allows(name, false) ? "query" : name;
            }
        }
        return null;
    }

    /** application/x-www-form-urlencoded decoding as UTF-8, strictly: null for a broken escape or non-UTF-8 bytes. */
    private static @Nullable String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
