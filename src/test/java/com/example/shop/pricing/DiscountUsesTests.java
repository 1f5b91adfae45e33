package com.example.shop.pricing;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.shared.Money;
import com.example.shop.testsupport.Concurrently;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.PricingFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pricing's promises about a code's uses, through its API in transactions of the caller's, on the real database: a
 * use claimed in a transaction that rolls back never counts, a second use beyond the buyer's limit is refused at the
 * claim even when both were priced before either was claimed, and a use given back from several transactions at once
 * is given back once.
 */
@IntegrationTest
class DiscountUsesTests {

    @Autowired
    Pricing pricing;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MockMvc mvc;

    PricingFixtures fixtures;

    CountryCode country;

    @BeforeEach
    void setUp() {
        fixtures = new PricingFixtures(mvc);
        country = new CountryCode(PricingFixtures.freshCountry());
    }

    Quote quote(String code, BuyerKey buyer) {
        return pricing.quote(new QuoteRequest(List.of(Money.of(1000, "EUR")), country, null, code, buyer));
    }

    void claim(Quote quote, String reference, BuyerKey buyer) {
        transactions.executeWithoutResult(tx -> pricing.claimDiscount(quote, reference, buyer));
    }

    boolean releasedBy(String reference) {
        return Boolean.TRUE.equals(transactions.execute(tx -> pricing.releaseDiscount(reference)));
    }

    @Test
    void aUseGivenBackFromSeveralTransactionsAtOnceIsGivenBackOnce() throws Exception {
        String code = fixtures.discountCode(PricingFixtures.unique("ONCE"), "\"type\": \"PERCENTAGE\", \"value\": 10");
        BuyerKey buyer = new BuyerKey("customer:" + UUID.randomUUID());
        String kept = UUID.randomUUID().toString();
        String returned = UUID.randomUUID().toString();
        claim(quote(code, buyer), kept, buyer);
        claim(quote(code, buyer), returned, buyer);
        assertThat(fixtures.timesUsed(code)).isEqualTo(2);

        List<Boolean> gaveBack = Concurrently.run(6, i -> releasedBy(returned));

        assertThat(gaveBack).containsOnlyOnce(true);
        assertThat(fixtures.timesUsed(code)).isEqualTo(1);
        assertThat(releasedBy(returned)).isFalse();
        assertThat(releasedBy(UUID.randomUUID().toString())).isFalse();
    }

    @Test
    void aClaimRolledBackWithItsTransactionLeavesNoUse() throws Exception {
        String code = fixtures.discountCode(PricingFixtures.unique("ROLL"),
                "\"type\": \"FIXED_AMOUNT\", \"value\": 100, \"usageLimit\": 1");
        BuyerKey buyer = new BuyerKey("customer:" + UUID.randomUUID());
        String reference = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> {
            pricing.claimDiscount(quote(code, buyer), reference, buyer);
            tx.setRollbackOnly();
        });
        assertThat(fixtures.timesUsed(code)).isZero();
        assertThat(releasedBy(reference)).isFalse();
        claim(quote(code, buyer), UUID.randomUUID().toString(), buyer);
        assertThat(fixtures.timesUsed(code)).isEqualTo(1);
    }

    @Test
    void theBuyersLimitIsCheckedAtTheClaimNotOnlyWhenPriced() throws Exception {
        String code = fixtures.discountCode(PricingFixtures.unique("MINE"),
                "\"type\": \"PERCENTAGE\", \"value\": 10, \"perCustomerLimit\": 1");
        BuyerKey buyer = new BuyerKey("email:ada@example.com");
        Quote first = quote(code, buyer);
        Quote second = quote(code, buyer);
        claim(first, UUID.randomUUID().toString(), buyer);

        assertThatThrownBy(() -> claim(second, UUID.randomUUID().toString(), buyer))
                .isInstanceOf(DiscountCodeRanOut.class)
                .satisfies(e -> assertThat(((DiscountCodeRanOut) e).type().status()).isEqualTo(409));
        assertThatThrownBy(() -> quote(code, buyer)).isInstanceOf(DiscountCodeLimitReached.class);
        // keys are compared exactly: another spelling is another buyer (callers normalise)
        claim(quote(code, new BuyerKey("email:Ada@example.com")), UUID.randomUUID().toString(),
                new BuyerKey("email:Ada@example.com"));
        assertThat(fixtures.timesUsed(code)).isEqualTo(2);
    }

    @Test
    void aCodeDeactivatedOrExpiredAfterItWasPricedIsRefusedAtTheClaim() throws Exception {
        String code = fixtures.discountCode(PricingFixtures.unique("LATE"), "\"type\": \"PERCENTAGE\", \"value\": 10");
        BuyerKey buyer = new BuyerKey("customer:" + UUID.randomUUID());
        Quote priced = quote(code, buyer);

        fixtures.updateDiscountCode(code, "\"type\": \"PERCENTAGE\", \"value\": 10, \"endsAt\": \"2020-01-01T00:00:00Z\"");
        assertThatThrownBy(() -> claim(priced, UUID.randomUUID().toString(), buyer))
                .isInstanceOf(DiscountCodeExpired.class);
        fixtures.updateDiscountCode(code, "\"type\": \"PERCENTAGE\", \"value\": 10, \"active\": false");
        assertThatThrownBy(() -> claim(priced, UUID.randomUUID().toString(), buyer))
                .isInstanceOf(DiscountCodeUnknown.class);
        assertThat(fixtures.timesUsed(code)).isZero();
    }
}
