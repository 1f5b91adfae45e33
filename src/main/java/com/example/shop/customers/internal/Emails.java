package com.example.shop.customers.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses are compared and stored normalised: Unicode NFKC (so fullwidth and other compatibility
 * spellings become their plain letters), without invisible format characters (zero-width space, soft
 * hyphen, ...) or white space anywhere, in lower case. The database compares them byte for byte
 * (binary collation), so two addresses are the same account exactly when their normalised forms are
 * equal: {@code josé@} and {@code jose@} are two mailboxes.
 */
public final class Emails {

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{IsWhite_Space}]+");

    private Emails() {
    }

    public static String normalise(String email) {
        if (email == null) {
            return null;
        }
        String compatible = Normalizer.normalize(email, Normalizer.Form.NFKC);
        String visible = INVISIBLE.matcher(compatible).replaceAll("").toLowerCase(Locale.ROOT);
        // once more: a removed character may have stood between a letter and its combining accent
        return Normalizer.normalize(visible, Normalizer.Form.NFKC);
    }

    /** For logs: {@code j***@example.com}. */
    static String masked(String email) {
        int at = email == null ? -1 : email.indexOf('@');
        return at < 1 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
