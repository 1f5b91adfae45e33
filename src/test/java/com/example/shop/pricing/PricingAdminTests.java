package com.example.shop.pricing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.PricingFixtures;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Shipping methods, tax rates and discount codes as an admin keeps them, over HTTP on the real database. */
@IntegrationTest
class PricingAdminTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    PricingFixtures pricing;

    String admin;

    @org.junit.jupiter.api.BeforeEach
    void fixtures() {
        pricing = new PricingFixtures(mvc);
        admin = pricing.admin();
    }

    // --- shipping methods --------------------------------------------------------------------------------------

    @Test
    void aShippingMethodIsCreatedReadChangedAndDeleted() throws Exception {
        String country = PricingFixtures.freshCountry();
        String code = PricingFixtures.unique("ship-");
        mvc.perform(post("/api/admin/shipping-methods").header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code": "%s", "name": "Parcel", "countries": ["%s", "AT", "AT"], "price": 490,
                                 "freeAbove": {"amount": 5000, "currency": "EUR"}, "estimatedDays": 3}""".formatted(code, country)))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/admin/shipping-methods/" + code))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.countries", contains(java.util.stream.Stream.of("AT", country).sorted().toArray())))
                .andExpect(jsonPath("$.price.amount").value(490))
                .andExpect(jsonPath("$.price.currency").value("EUR"))
                .andExpect(jsonPath("$.freeAbove.amount").value(5000))
                .andExpect(jsonPath("$.estimatedDays").value(3))
                .andExpect(jsonPath("$.active").value(true));

        mvc.perform(put("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"name": "Parcel (slow)", "countries": ["%s"], "price": {"amount": 390}, "active": false}"""
                                .formatted(country)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Parcel (slow)"))
                .andExpect(jsonPath("$.countries", contains(country)))
                .andExpect(jsonPath("$.price.amount").value(390))
                .andExpect(jsonPath("$.freeAbove").doesNotExist())
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(get("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Parcel (slow)"));
        mvc.perform(get("/api/admin/shipping-methods").header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.code == '" + code + "')].price.amount").value(390));

        mvc.perform(delete("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSecondMethodWithTheSameCodeIsAConflict() throws Exception {
        String code = pricing.shippingMethod(PricingFixtures.unique("dup-"), 100, null, PricingFixtures.freshCountry());
        pricing.createShippingMethod(code, 200, null, "FR")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-shipping-method"))
                .andExpect(jsonPath("$.errors[0].field").value("code"));
        assertThat(jdbc.queryForObject("select count(*) from pricing_shipping_method where code = ?", Integer.class, code))
                .isEqualTo(1);
    }

    @Test
    void badShippingMethodsAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String code = PricingFixtures.unique("bad-");
        String valid = """
                "code": "%s", "name": "Bad", "countries": ["FR"], "price": 100""".formatted(code);
        expectInvalid("/api/admin/shipping-methods", "{\"code\": \"%s\", \"name\": \"Bad\", \"countries\": [\"FR\", \"XX\"], \"price\": 100}"
                .formatted(code), "countries[1]");
        expectInvalid("/api/admin/shipping-methods", "{\"code\": \"%s\", \"name\": \"Bad\", \"countries\": [\"fr\"], \"price\": 100}"
                .formatted(code), "countries[0]");
        expectInvalid("/api/admin/shipping-methods", "{\"code\": \"%s\", \"name\": \"Bad\", \"countries\": [], \"price\": 100}"
                .formatted(code), "countries");
        expectInvalid("/api/admin/shipping-methods", "{" + valid.replace("\"price\": 100", "\"price\": -1") + "}",
                "price.amount");
        expectInvalid("/api/admin/shipping-methods", "{" + valid.replace("\"price\": 100", "\"price\": 10000000000") + "}",
                "price.amount");
        expectInvalid("/api/admin/shipping-methods", "{" + valid + ", \"freeAbove\": -5}", "freeAbove.amount");
        expectInvalid("/api/admin/shipping-methods", "{" + valid + ", \"estimatedDays\": 366}", "estimatedDays");
        expectInvalid("/api/admin/shipping-methods", "{" + valid.replace("\"price\": 100",
                "\"price\": {\"amount\": 100, \"currency\": \"USD\"}") + "}", "price.currency");
        expectInvalid("/api/admin/shipping-methods", "{" + valid.replace(code, "Not A Slug") + "}", "code");
        mvc.perform(get("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("select count(*) from pricing_shipping_method where code = ?", Integer.class, code))
                .isZero();
    }

    @Test
    void aMethodsCodeCannotChange() throws Exception {
        String country = PricingFixtures.freshCountry();
        String code = pricing.shippingMethod(PricingFixtures.unique("fixed-"), 100, null, country);
        mvc.perform(put("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code": "other", "name": "X", "countries": ["%s"], "price": 100}""".formatted(country)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("code"));
    }

    // --- tax rates ---------------------------------------------------------------------------------------------

    @Test
    void aCountrysRateIsSetReplacedReadAndRemoved() throws Exception {
        String country = PricingFixtures.freshCountry();
        mvc.perform(put("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rate\": \"19.000\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.country").value(country))
                .andExpect(jsonPath("$.rate").value("19"));
        mvc.perform(put("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"country\": \"" + country + "\", \"rate\": \"7.5\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rate").value("7.5"));
        mvc.perform(get("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.rate").value("7.5"));
        mvc.perform(get("/api/admin/tax-rates").header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.country == '" + country + "')].rate").value("7.5"));
        mvc.perform(delete("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNotFound());
    }

    @Test
    void badRatesAndUnknownCountriesAreRefusedNamingTheField() throws Exception {
        String country = PricingFixtures.freshCountry();
        for (String rate : new String[] { "100.5", "-1", "abc", "", "7.1234", "1000" }) {
            mvc.perform(put("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"rate\": \"" + rate + "\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.errors[0].field").value("rate"));
        }
        mvc.perform(put("/api/admin/tax-rates/{country}", "XX").header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rate\": \"19\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("country"));
        mvc.perform(put("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"country\": \"FR\", \"rate\": \"19\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("country"));
        mvc.perform(get("/api/admin/tax-rates/{country}", "germany").header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNotFound());
    }

    // --- discount codes ----------------------------------------------------------------------------------------

    @Test
    void aDiscountCodeIsCreatedFoundInAnyCaseChangedAndDeleted() throws Exception {
        String code = PricingFixtures.unique("Summer");
        mvc.perform(post("/api/admin/discount-codes").header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"code": "%s", "type": "PERCENTAGE", "value": 12.50, "minSubtotal": 2000,
                                 "startsAt": "2026-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z",
                                 "usageLimit": 100, "perCustomerLimit": 1}""".formatted(code)))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, startsWith("/api/admin/discount-codes/SUMMER")))
                .andExpect(jsonPath("$.code").value(code.toUpperCase()))
                .andExpect(jsonPath("$.type").value("PERCENTAGE"))
                .andExpect(jsonPath("$.value").value(12.5))
                .andExpect(jsonPath("$.minSubtotal.amount").value(2000))
                .andExpect(jsonPath("$.usageLimit").value(100))
                .andExpect(jsonPath("$.perCustomerLimit").value(1))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.timesUsed").value(0));

        mvc.perform(get("/api/admin/discount-codes/{code}", code.toLowerCase()).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.code").value(code.toUpperCase()));
        pricing.updateDiscountCode(code.toLowerCase(), "\"type\": \"FIXED_AMOUNT\", \"value\": 500, \"active\": false")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value("FIXED_AMOUNT"))
                .andExpect(jsonPath("$.value").value(500))
                .andExpect(jsonPath("$.minSubtotal").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(get("/api/admin/discount-codes?size=100").header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.page.size").value(100));
        pricing.deleteDiscountCode(code);
        mvc.perform(get("/api/admin/discount-codes/{code}", code).header(HttpHeaders.AUTHORIZATION, admin))
                .andExpect(status().isNotFound());
    }

    @Test
    void codesAreCaseInsensitiveSoAnotherSpellingIsAConflict() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("Dup"), "\"type\": \"FREE_SHIPPING\"");
        pricing.createDiscountCode(code.toLowerCase(), "\"type\": \"PERCENTAGE\", \"value\": 5")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/duplicate-discount-code"));
        assertThat(jdbc.queryForObject("select count(*) from pricing_discount_code where code = ?", Integer.class,
                code.toUpperCase())).isEqualTo(1);
    }

    @Test
    void badDiscountCodesAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String code = PricingFixtures.unique("BAD");
        expectInvalidCode(code, "\"type\": \"PERCENTAGE\", \"value\": 100.5", "value");
        expectInvalidCode(code, "\"type\": \"PERCENTAGE\", \"value\": 0", "value");
        expectInvalidCode(code, "\"type\": \"PERCENTAGE\", \"value\": -10", "value");
        expectInvalidCode(code, "\"type\": \"PERCENTAGE\"", "value");
        expectInvalidCode(code, "\"type\": \"FIXED_AMOUNT\", \"value\": 99.5", "value");
        expectInvalidCode(code, "\"type\": \"FIXED_AMOUNT\", \"value\": -100", "value");
        expectInvalidCode(code, "\"type\": \"FIXED_AMOUNT\", \"value\": 100000000000", "value");
        expectInvalidCode(code, "\"type\": \"FREE_SHIPPING\", \"value\": 5", "value");
        expectInvalidCode(code, "\"type\": \"FREE_SHIPPING\", \"startsAt\": \"2030-01-02T00:00:00Z\", "
                + "\"endsAt\": \"2030-01-01T00:00:00Z\"", "endsAt");
        expectInvalidCode(code, "\"type\": \"FREE_SHIPPING\", \"usageLimit\": 0", "usageLimit");
        expectInvalidCode(code, "\"type\": \"FREE_SHIPPING\", \"perCustomerLimit\": -1", "perCustomerLimit");
        expectInvalidCode(code, "\"type\": \"FREE_SHIPPING\", \"minSubtotal\": -1", "minSubtotal.amount");
        expectInvalidCode(code, "\"value\": 5", "type");
        mvc.perform(post("/api/admin/discount-codes").header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"bad code!\", \"type\": \"FREE_SHIPPING\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("code"));
        mvc.perform(post("/api/admin/discount-codes").header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"X\", \"type\": \"HALF_OFF\"}"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.queryForObject("select count(*) from pricing_discount_code where code = ?", Integer.class,
                code.toUpperCase())).isZero();
    }

    @Test
    void onlyAdminsConfigurePricing() throws Exception {
        for (String path : new String[] { "/api/admin/shipping-methods", "/api/admin/tax-rates", "/api/admin/discount-codes" }) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
            mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, Tokens.customer())).andExpect(status().isForbidden());
        }
    }

    private void expectInvalid(String path, String body, String field) throws Exception {
        mvc.perform(post(path).header(HttpHeaders.AUTHORIZATION, admin).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem(field)));
    }

    private void expectInvalidCode(String code, String members, String field) throws Exception {
        pricing.createDiscountCode(code, members)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem(field)));
    }
}
