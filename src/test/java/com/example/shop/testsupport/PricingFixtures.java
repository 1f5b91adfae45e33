package com.example.shop.testsupport;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Shipping methods, tax rates and discount codes made through the admin API, as an operator would. Every test
 * database is shared by all the test classes of a run, and a country's methods and rate change what its checkouts
 * cost: so each test prices in a country of its own ({@link #freshCountry()}), never one the other tests ship to.
 */
public final class PricingFixtures {

    /** Countries other tests check out to, without shipping methods or tax rates. */
    private static final Set<String> TAKEN = Set.of("DE", "GB");

    private static final Deque<String> UNUSED = new ArrayDeque<>(Arrays.stream(Locale.getISOCountries())
            .filter(country -> !TAKEN.contains(country)).sorted().toList());

    private final MockMvc mvc;

    public PricingFixtures(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** A country no test has priced in yet in this run: no methods ship there and it has no tax rate. */
    public static synchronized String freshCountry() {
        String country = UNUSED.poll();
        if (country == null) {
            throw new IllegalStateException("every country has been used by a test");
        }
        return country;
    }

    /** A code no other test uses: {@code prefix} and eight random characters. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A fresh administrator's token: one kept for the context's lifetime would expire after 5 minutes. */
    public String admin() {
        return Tokens.admin();
    }

    /** An active method shipping to the countries at {@code price}, free from {@code freeAbove} (null: never). */
    public String shippingMethod(String code, long price, Long freeAbove, String... countries) throws Exception {
        createShippingMethod(code, price, freeAbove, countries).andExpect(status().isCreated());
        return code;
    }

    public ResultActions createShippingMethod(String code, long price, Long freeAbove, String... countries)
            throws Exception {
        return mvc.perform(post("/api/admin/shipping-methods").header(HttpHeaders.AUTHORIZATION, admin())
                .contentType(MediaType.APPLICATION_JSON).content(methodBody(code, price, freeAbove, true, countries)));
    }

    public void deactivateShippingMethod(String code, long price, String... countries) throws Exception {
        mvc.perform(put("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin())
                        .contentType(MediaType.APPLICATION_JSON).content(methodBody(code, price, null, false, countries)))
                .andExpect(status().isOk());
    }

    public void deleteShippingMethod(String code) throws Exception {
        mvc.perform(delete("/api/admin/shipping-methods/{code}", code).header(HttpHeaders.AUTHORIZATION, admin()))
                .andExpect(status().isNoContent());
    }

    private static String methodBody(String code, long price, Long freeAbove, boolean active, String... countries) {
        return """
                {"code": "%s", "name": "Method %s", "countries": [%s], "price": {"amount": %d, "currency": "EUR"},
                 "freeAbove": %s, "estimatedDays": 3, "active": %s}""".formatted(code, code,
                String.join(", ", Arrays.stream(countries).map(c -> "\"" + c + "\"").toList()), price,
                freeAbove == null ? "null" : freeAbove.toString(), active);
    }

    public void taxRate(String country, String rate) throws Exception {
        mvc.perform(put("/api/admin/tax-rates/{country}", country).header(HttpHeaders.AUTHORIZATION, admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rate\": \"" + rate + "\"}"))
                .andExpect(status().is2xxSuccessful());
    }

    /** A discount code from a JSON body's members after {@code code} (e.g. {@code "type": "PERCENTAGE", "value": 10}). */
    public String discountCode(String code, String members) throws Exception {
        createDiscountCode(code, members).andExpect(status().isCreated());
        return code;
    }

    public ResultActions createDiscountCode(String code, String members) throws Exception {
        return mvc.perform(post("/api/admin/discount-codes").header(HttpHeaders.AUTHORIZATION, admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"" + code + "\", " + members + "}"));
    }

    public ResultActions updateDiscountCode(String code, String members) throws Exception {
        return mvc.perform(put("/api/admin/discount-codes/{code}", code).header(HttpHeaders.AUTHORIZATION, admin())
                .contentType(MediaType.APPLICATION_JSON).content("{" + members + "}"));
    }

    public void deleteDiscountCode(String code) throws Exception {
        mvc.perform(delete("/api/admin/discount-codes/{code}", code).header(HttpHeaders.AUTHORIZATION, admin()))
                .andExpect(status().isNoContent());
    }

    /** How many uses of the code orders hold, as the admin API reports it. */
    public int timesUsed(String code) throws Exception {
        String body = mvc.perform(get("/api/admin/discount-codes/{code}", code).header(HttpHeaders.AUTHORIZATION, admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.timesUsed");
    }
}
