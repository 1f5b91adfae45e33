package com.example.shop.orders;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.PricingFixtures;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A shop whose prices include tax ({@code shop.tax.prices-include-tax=true}): the tax is shown, not added. */
@IntegrationTest
@TestPropertySource(properties = "shop.tax.prices-include-tax=true")
class TaxIncludedCheckoutTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderFixtures fixtures;

    @Test
    void theTaxInsideThePricesIsShownAndTheTotalIsWhatThePricesAddUpTo() throws Exception {
        PricingFixtures pricing = new PricingFixtures(mvc);
        String country = PricingFixtures.freshCountry();
        String method = pricing.shippingMethod(PricingFixtures.unique("std-"), 595, null, country);
        pricing.taxRate(country, "19");
        UUID gross = fixtures.catalog.product("Gross", 1190, 5);
        UUID odd = fixtures.catalog.product("Odd", 1000, 5);
        String cart = fixtures.cartWith(gross, 1);
        fixtures.addToCart(cart, odd, 1).andExpect(status().isCreated());

        // 19/119 of 1190 = 190, of 1000 = 159.66 -> 160, of the shipping 595 = 95: 445 of tax inside 2190 + 595
        String quote = fixtures.quote(Tokens.customer(), cart, country, method, null).andExpect(status().isOk())
                .andExpect(jsonPath("$.taxIncluded").value(true))
                .andExpect(jsonPath("$.lines[*].tax.amount", contains(190, 160)))
                .andExpect(jsonPath("$.tax.amount").value(445))
                .andExpect(jsonPath("$.total.amount").value(2785))
                .andReturn().getResponse().getContentAsString();
        String placed = fixtures.checkout(Tokens.customer(), cart, UUID.randomUUID().toString(), country, method, null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.taxIncluded").value(true))
                .andExpect(jsonPath("$.tax.amount").value(445))
                .andExpect(jsonPath("$.total.amount").value(2785))
                .andReturn().getResponse().getContentAsString();
        assertThat(fixtures.stripe.intentJson(JsonPath.read(placed, "$.payment.paymentIntentId")).path("amount").asLong())
                .isEqualTo(JsonPath.<Integer>read(quote, "$.total.amount").longValue());
    }
}
