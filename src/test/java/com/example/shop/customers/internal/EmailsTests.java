package com.example.shop.customers.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as the same e-mail: the normalised forms are equal. */
class EmailsTests {

    @Test
    void caseWidthInvisibleCharactersAndWhiteSpaceDoNotMatter() {
        assertThat(Emails.normalise("  Jane.Doe@Example.COM ")).isEqualTo("jane.doe@example.com");
        assertThat(Emails.normalise("\uFF2A\uFF41\uFF4E\uFF45@example.com")).isEqualTo("jane@example.com");
        assertThat(Emails.normalise("ja\u200Bne@exam\u00ADple.com\uFEFF")).isEqualTo("jane@example.com");
        assertThat(Emails.normalise("\u2060jane\u00A0@example.com\t")).isEqualTo("jane@example.com");
        assertThat(Emails.normalise("jose\u0301@example.com")).isEqualTo("jos\u00E9@example.com");
    }

    @Test
    void accentsAreKept() {
        assertThat(Emails.normalise("Jos\u00C9@example.com")).isEqualTo("jos\u00E9@example.com")
                .isNotEqualTo(Emails.normalise("jose@example.com"));
    }

    @Test
    void normalisingTwiceChangesNothing() {
        for (String email : new String[] { "\u1D2C\u1D2E@x.io", "\u0130stanbul@x.io", "Stra\u1E9Ee@x.io",
                "\u212Aelvin@x.io", "\uFF21\u200B\u0301@x.io" }) {
            String once = Emails.normalise(email);
            assertThat(Emails.normalise(once)).as(email).isEqualTo(once);
        }
        assertThat(Emails.normalise(null)).isNull();
    }
}
