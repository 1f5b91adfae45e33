package com.example.shop.catalog.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.shared.Money;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A product's price through {@code MoneyType} on the real database: price_amount and price_currency, and back. */
@IntegrationTest
class ProductMoneyColumnsTests {

    @Autowired
    Products products;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPriceRoundTripsWithItsCurrencyAndARevisionRewritesBoth() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Product created = Product.create(details(unique, Money.of(1999, "USD")), Instant.now());
        transactions.executeWithoutResult(tx -> products.saveAndFlush(created));

        assertThat(products.findById(created.getId()).orElseThrow().getPrice()).isEqualTo(Money.of(1999, "USD"));
        assertThat(priceColumns(created.getId())).containsEntry("price_amount", 1999L).containsEntry("price_currency", "USD");

        transactions.executeWithoutResult(tx -> {
            Product product = products.findById(created.getId()).orElseThrow();
            product.revise(details(unique, Money.of(250, "JPY")), product.getVersion(), Instant.now());
            products.flush();
        });

        assertThat(products.findById(created.getId()).orElseThrow().getPrice()).isEqualTo(Money.of(250, "JPY"));
        assertThat(priceColumns(created.getId())).containsEntry("price_amount", 250L).containsEntry("price_currency", "JPY");
    }

    private static Product.Details details(String unique, Money price) {
        return new Product.Details("SKU-" + unique, "money-" + unique, "Priced " + unique, "", price, Set.of(), null,
                true);
    }

    private Map<String, Object> priceColumns(UUID id) {
        return jdbc.queryForMap("select price_amount, price_currency from catalog_product where id = unhex(replace(?, '-', ''))",
                id.toString());
    }
}
