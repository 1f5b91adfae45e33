package com.example.shop.shared.web;

/**
 * The one rule for text a client sends, whatever the module: well-formed UTF-16 (no half of a surrogate pair on
 * its own, which JSON lets a client write as {@code "\ud800"} and which has no UTF-8 form, so the database would
 * store {@code ?} instead) and no control characters (NUL, escape, DEL, the C1 range...). A line break
 * ({@code \n} or {@code \r\n}) is allowed only in a field that says so ({@link MultiLineText}).
 * <p>
 * JSON bodies are held to it while they are read ({@link JsonInputRules}), query parameters before anything
 * reads them ({@link RequestSyntax}); a refusal names the field and nothing is stored.
 */
public final class TextRule {

    /** What a refusal says about the field. */
    public static final String MESSAGE = "must not contain control characters or unpaired UTF-16 surrogates";

    /** The same, for a field that allows line breaks. */
    public static final String MESSAGE_MULTI_LINE = "must not contain control characters other than line breaks "
            + "or unpaired UTF-16 surrogates";

    private TextRule() {
    }

    /** Whether the text keeps the rule; {@code newlines} allows {@code \n} and {@code \r\n}. */
    public static boolean allows(CharSequence text, boolean newlines) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue; // the common case first: printable ASCII
            }
            if (c == '\n' && newlines) {
                continue;
            }
            if (c == '\r' && newlines && i + 1 < length && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
