package com.example.shop.shared.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The syntax of an RFC 7239 {@code Forwarded} line: {@code for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"}.
 * Commas and semicolons inside a quoted string belong to the value. Spring's own parser of this header lives
 * inside {@code ForwardedHeaderUtils} and returns only the left-most element's values, so the few lines are here.
 */
final class ForwardedSyntax {

    private ForwardedSyntax() {
    }

    /** The elements of a line, each as its {@code name=value} pairs; null when a quoted string is not closed. */
    static @Nullable List<List<String>> elements(String line) {
        List<List<String>> elements = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        StringBuilder pair = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                pair.append(c);
                if (c == '\\' && i + 1 < line.length()) {
                    pair.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                pair.append(c);
            } else if (c == ';' || c == ',') {
                add(pairs, pair);
                if (c == ',') {
                    elements.add(pairs);
                    pairs = new ArrayList<>();
                }
            } else {
                pair.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        add(pairs, pair);
        elements.add(pairs);
        return elements;
    }

    private static void add(List<String> pairs, StringBuilder pair) {
        String text = pair.toString().trim();
        if (!text.isEmpty()) {
            pairs.add(text);
        }
        pair.setLength(0);
    }

    /** A value as a token or a quoted string (quotes removed, escapes resolved); null when it is neither. */
    static @Nullable String value(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        if (!raw.startsWith("\"")) {
            return raw.indexOf('"') < 0 && raw.indexOf(' ') < 0 ? raw : null;
        }
        if (raw.length() < 2 || !raw.endsWith("\"")) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() - 1) {
                c = raw.charAt(++i);
            } else if (c == '"' || c == '\\') {
                return null;
            }
            value.append(c);
        }
        return value.toString();
    }
}
