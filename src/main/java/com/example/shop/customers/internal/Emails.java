package com.example.shop.customers.internal;

import java.util.Locale;

/** E-mail addresses are compared and stored trimmed and in lower case. */
public final class Emails {

    private Emails() {
    }

    public static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** For logs: {@code j***@example.com}. */
    static String masked(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        return at < 1 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
