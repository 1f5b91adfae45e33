package com.example.shop.customers;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.example.shop.testsupport.IntegrationTest;

import static com.example.shop.customers.CustomerFixtures.PASSWORD;
import static com.example.shop.customers.CustomerFixtures.read;
import static com.example.shop.customers.CustomerFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

/** Brute force on one account is stopped; the account's owner and other customers are told when to retry. */
@IntegrationTest
class LoginThrottlingTests {

    @Autowired
    MockMvc mvc;

    @Test
    void twentyWrongPasswordsAreThrottledBeforeTheTwentiethAndOthersStillLogIn() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String victim = fixtures.register(uniqueEmail()).email();
        String bystander = fixtures.register(uniqueEmail()).email();

        int firstThrottled = -1;
        for (int attempt = 1; attempt <= 20; attempt++) {
            MvcResult result = fixtures.loginResult(victim, "guess-" + attempt);
            int status = result.getResponse().getStatus();
            if (status == 429) {
                if (firstThrottled < 0) {
                    firstThrottled = attempt;
                }
                String retryAfter = result.getResponse().getHeader("Retry-After");
                assertThat(retryAfter).isNotNull();
                assertThat(Long.parseLong(retryAfter)).isPositive();
                assertThat(read(result, "$.type")).isEqualTo("https://shop.example/problems/too-many-login-attempts");
            } else {
                assertThat(firstThrottled).as("no 401 after the first 429").isNegative();
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(firstThrottled).isBetween(2, 19);

        // the right password does not get through while throttled
        MvcResult right = fixtures.loginResult(victim, PASSWORD);
        assertThat(right.getResponse().getStatus()).isEqualTo(429);
        assertThat(right.getResponse().getContentAsString()).doesNotContain("accessToken");

        // other customers, from the same address, still log in
        assertThat(fixtures.loginResult(bystander, PASSWORD).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anotherSpellingOfAThrottledEmailIsThrottledToo() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String local = "victim-" + UUID.randomUUID();
        String victim = fixtures.register(local + "@example.com").email();
        int attempts = 0;
        while (fixtures.loginResult(victim, "guess-" + attempts).getResponse().getStatus() != 429) {
            assertThat(++attempts).as("throttled within 20 failures").isLessThan(20);
        }
        assertThat(fixtures.loginResult(victim, PASSWORD).getResponse().getStatus()).isEqualTo(429);

        // spellings that normalise to the same e-mail share its bucket: the right password is still refused
        for (String spelling : new String[] {
                local + "\u200B@example.com",                       // zero-width space
                "\u2060" + local + "@example.com\uFEFF",           // word joiner, byte-order mark
                local + "@exam\u00ADple.com",                       // soft hyphen
                fullwidth(local) + "@example.com",                  // fullwidth letters and digits
                " " + local.toUpperCase() + "@EXAMPLE.COM\u00A0" }) {  // case and a no-break space
            MvcResult result = fixtures.loginResult(spelling, PASSWORD);
            assertThat(result.getResponse().getStatus()).as(spelling).isEqualTo(429);
            assertThat(result.getResponse().getContentAsString()).doesNotContain("accessToken");
        }

        // an accented spelling is another mailbox, and no account: the victim's password opens nothing there
        String accented = local.replaceFirst("i", "\u00ED") + "@example.com";
        assertThat(fixtures.loginResult(accented, PASSWORD).getResponse().getStatus()).isEqualTo(401);
    }

    /** ASCII letters, digits and punctuation as their fullwidth forms (U+FF01..U+FF5E). */
    static String fullwidth(String ascii) {
        StringBuilder wide = new StringBuilder();
        ascii.chars().forEach(c -> wide.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : (char) c));
        return wide.toString();
    }

    @Test
    void successfulLoginsDoNotUseUpTheAllowance() throws Exception {
        CustomerFixtures fixtures = new CustomerFixtures(mvc);
        String email = fixtures.register(uniqueEmail()).email();
        for (int i = 0; i < 15; i++) {
            assertThat(fixtures.loginResult(email, PASSWORD).getResponse().getStatus()).isEqualTo(200);
        }
    }
}
