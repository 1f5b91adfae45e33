package com.example.shop.orders;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.PricingFixtures;
import com.example.shop.testsupport.SqlStatements;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What one checkout sends to the database, counted on the request's thread (datasource-proxy): statements,
 * commits and connection mode switches. The bounds are today's counts
 * (bench/README.md#what-one-checkout-sends-to-the-database lists them), so a read-after-write, a query per line,
 * an extra transaction or an auto-commit switch (pooled connections start with auto-commit off) that creeps in
 * fails here with the statements listed. Listeners that react to {@code OrderPlaced} after the commit run on
 * other threads and are not counted.
 */
@IntegrationTest
class CheckoutStatementCountTests {

    /** A checkout with an Idempotency-Key, no shipping method, tax or code. */
    static final int PLAIN_STATEMENTS = 16;
    static final int PLAIN_COMMITS = 4;
    /** The same with a shipping method, a tax rate and a discount code: their lookups and the code's claim. */
    static final int PRICED_STATEMENTS = 20;

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderFixtures fixtures;

    @Autowired
    SqlStatements sql;

    @Autowired
    JdbcTemplate jdbc;

    /** What the server counted (every statement it received, from any connection), for the record only. */
    long serverQuestions() {
        return Long.parseLong(jdbc.queryForObject("SHOW GLOBAL STATUS LIKE 'Questions'", (row, i) -> row.getString(2)));
    }

    SqlStatements.Recording checkout(int lines, String country, String method, String code) throws Exception {
        String cart = fixtures.cartWith(fixtures.catalog.product("Counted 0", 1000, 50), 1);
        for (int i = 1; i < lines; i++) {
            fixtures.addToCart(cart, fixtures.catalog.product("Counted " + i, 1000 + i, 50), 1)
                    .andExpect(status().isCreated());
        }
        String token = Tokens.customer();
        long before = serverQuestions();
        SqlStatements.Recording recording = sql.record(() -> fixtures.checkout(token, cart, UUID.randomUUID().toString(),
                country, method, code).andExpect(status().isCreated()));
        // for the record: what the server received meanwhile (with the switches that reached it, and whatever a
        // listener of OrderPlaced sent in the meantime), minus the question asking for it
        System.out.println("server questions during the checkout: " + (serverQuestions() - before - 1));
        return recording;
    }

    @Test
    void aCheckoutSendsABoundedNumberOfStatementsWhateverItsLineCount() throws Exception {
        SqlStatements.Recording two = checkout(2, "GB", null, null);
        SqlStatements.Recording five = checkout(5, "GB", null, null);
        System.out.println("2 lines: " + two);
        System.out.println("5 lines: " + five);

        assertThat(two.statements()).as(two.toString()).hasSizeLessThanOrEqualTo(PLAIN_STATEMENTS);
        assertThat(two.commits()).as(two.toString()).isLessThanOrEqualTo(PLAIN_COMMITS);
        assertNoModeSwitches(two);
        assertNoModeSwitches(five);
        assertThat(five.roundTrips()).as("more lines, no more round trips:\n" + five).isEqualTo(two.roundTrips());
    }

    @Test
    void aPricedCheckoutAddsOnlyTheLookupsAndTheCodesClaim() throws Exception {
        PricingFixtures pricing = new PricingFixtures(mvc);
        String country = PricingFixtures.freshCountry();
        String method = pricing.shippingMethod(PricingFixtures.unique("std-"), 490, null, country);
        pricing.taxRate(country, "19");
        String code = pricing.discountCode(PricingFixtures.unique("TEN"), "\"type\": \"PERCENTAGE\", \"value\": 10");
        SqlStatements.Recording priced = checkout(2, country, method, code);
        System.out.println("priced, 2 lines: " + priced);
        assertThat(priced.statements()).as(priced.toString()).hasSizeLessThanOrEqualTo(PRICED_STATEMENTS);
        assertThat(priced.commits()).as(priced.toString()).isLessThanOrEqualTo(PLAIN_COMMITS);
        assertNoModeSwitches(priced);
    }

    /**
     * No {@code SET autocommit} around a transaction (each would be a round trip), and no read-only transaction of
     * its own (the customer's e-mail is read in the checkout's transaction).
     */
    static void assertNoModeSwitches(SqlStatements.Recording recording) {
        assertThat(recording.autoCommitSwitches()).as("auto-commit switches:\n" + recording).isZero();
        assertThat(recording.readOnlySwitches()).as("read-only switches:\n" + recording).isZero();
    }
}
