package com.example.shop.pricing.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.pricing.internal.DiscountLedger.Claim;
import com.example.shop.pricing.internal.DiscountLedger.Outcome;
import com.example.shop.shared.persistence.BinaryUuids;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.OtherTimeZone;
import com.example.shop.testsupport.PricingFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code's window as Hibernate stored it (UTC) against the claims' plain JDBC, in a JVM whose default zone is not
 * UTC: a code valid now is claimed, one that ended a minute ago or starts in a minute is refused with its window
 * as stored, and the use's times are written in UTC. Behind the zone's offset (New York) and ahead of it (Tokyo),
 * for codes with a usage limit (the window is compared in SQL) and without (compared after a locking read).
 */
@IntegrationTest
class DiscountLedgerTimeZoneTests {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(strings = { "America/New_York", "Asia/Tokyo" })
    void aCodesWindowHoldsWhateverTheJvmsZone(String zone) throws Exception {
        for (boolean limited : new boolean[] { false, true }) {
            // whole seconds: MariaDB 10.x, reached through the driver, stores no fractions of a second (docs/testing.md)
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String limit = limited ? ", \"usageLimit\": 100" : "";
            UUID current = code("\"startsAt\": \"%s\", \"endsAt\": \"%s\"%s".formatted(now.minus(MINUTE), now.plus(MINUTE), limit));
            UUID ended = code("\"endsAt\": \"%s\"%s".formatted(now.minus(MINUTE), limit));
            UUID upcoming = code("\"startsAt\": \"%s\"%s".formatted(now.plus(MINUTE), limit));
            String reference = UUID.randomUUID().toString();

            try (OtherTimeZone other = OtherTimeZone.of(zone, dataSource)) {
                DiscountLedger ledger = new DiscountLedger(other.jdbc());
                assertThat(claim(other, ledger, current, reference, now, limited))
                        .as("a code valid now, limited: %s", limited).isEqualTo(Claim.CLAIMED);
                assertThat(claim(other, ledger, ended, UUID.randomUUID().toString(), now, limited))
                        .as("a code that ended a minute ago, limited: %s", limited)
                        .isEqualTo(new Claim(Outcome.EXPIRED, null, now.minus(MINUTE)));
                assertThat(claim(other, ledger, upcoming, UUID.randomUUID().toString(), now, limited))
                        .as("a code that starts in a minute, limited: %s", limited)
                        .isEqualTo(new Claim(Outcome.NOT_YET_VALID, now.plus(MINUTE), null));

                Instant later = now.plusSeconds(5);
                Boolean released = other.transaction().execute(status -> ledger.release(reference, later));
                assertThat(released).isTrue();
                assertThat(ledger.find(reference)).map(DiscountLedger.Use::released).contains(true);
                assertThat(jdbc.queryForMap("""
                        select cast(claimed_at as char) claimed, cast(released_at as char) released
                        from pricing_discount_use where reference = ?""", reference).values())
                        .containsExactly(OtherTimeZone.storedInUtc(now), OtherTimeZone.storedInUtc(later));
            }
        }
    }

    private UUID code(String members) throws Exception {
        String code = new PricingFixtures(mvc).discountCode(PricingFixtures.unique("ZONE"),
                "\"type\": \"PERCENTAGE\", \"value\": 10, " + members);
        return BinaryUuids.uuid(jdbc.queryForObject("select id from pricing_discount_code where code = ?", byte[].class,
                code));
    }

    private static Claim claim(OtherTimeZone zone, DiscountLedger ledger, UUID code, String reference, Instant now,
            boolean limited) {
        return zone.transaction().execute(status -> {
            Claim claim = ledger.claim(code, reference, "customer:" + UUID.randomUUID(), now, limited);
            if (claim.outcome() != Outcome.CLAIMED) {
                status.setRollbackOnly();
            }
            return claim;
        });
    }
}
