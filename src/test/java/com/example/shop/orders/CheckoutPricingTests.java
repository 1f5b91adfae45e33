package com.example.shop.orders;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.PricingFixtures;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Checkout and its quote priced with shipping methods, tax rates and discount codes, over HTTP on the real
 * database, with the Stripe stand-in behind payments. Each test prices in a country of its own.
 */
@IntegrationTest
class CheckoutPricingTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderFixtures fixtures;

    PricingFixtures pricing;

    String country;

    @BeforeEach
    void setUp() {
        pricing = new PricingFixtures(mvc);
        country = PricingFixtures.freshCountry();
    }

    /** A cart of 1 x 10.05 and 2 x 5.02 (subtotal 20.09): a 10 % code and 19 % tax round its lines both ways. */
    String twoLineCart(UUID first, UUID second) throws Exception {
        String cart = fixtures.cartWith(first, 1);
        fixtures.addToCart(cart, second, 2).andExpect(status().isCreated());
        return cart;
    }

    @Test
    void theQuoteIsWhatCheckoutChargesTheOrderKeepsAndThePaymentIntentCarries() throws Exception {
        String method = pricing.shippingMethod(PricingFixtures.unique("std-"), 490, 100_000L, country);
        pricing.taxRate(country, "19");
        String code = pricing.discountCode(PricingFixtures.unique("TEN"), "\"type\": \"PERCENTAGE\", \"value\": 10");
        UUID first = fixtures.catalog.product("Teapot", 1005, 5);
        UUID second = fixtures.catalog.product("Cup", 502, 5);
        String token = Tokens.customer();
        String cart = twoLineCart(first, second);

        // lines 1005 and 1004; 10 % off: 100.5 -> 101 and 100.4 -> 100; 19 % of 904 = 171.76 -> 172 (twice);
        // shipping 490, its tax 93.1 -> 93: 2009 - 201 + 490 + (344 + 93) = 2735
        String quote = expectBreakdown(fixtures.quote(token, cart, country, method, code.toLowerCase())
                .andExpect(status().isOk()), 2009, 201, 490, 437, 2735)
                .andExpect(jsonPath("$.taxIncluded").value(false))
                .andExpect(jsonPath("$.taxRate").value("19"))
                .andExpect(jsonPath("$.shippingMethod").value(method))
                .andExpect(jsonPath("$.discountCode").value(code.toUpperCase()))
                .andExpect(jsonPath("$.lines", hasSize(2)))
                .andExpect(jsonPath("$.lines[*].lineTotal.amount", contains(1005, 1004)))
                .andExpect(jsonPath("$.lines[*].discount.amount", contains(101, 100)))
                .andExpect(jsonPath("$.lines[*].tax.amount", contains(172, 172)))
                .andReturn().getResponse().getContentAsString();
        // the quote changed nothing: no stock reserved, no use claimed, the cart as it was
        assertThat(fixtures.stock(first)).containsExactly(5, 0);
        assertThat(pricing.timesUsed(code)).isZero();
        mvc.perform(get("/api/carts/{id}", cart)).andExpect(jsonPath("$.itemCount").value(3));

        String key = UUID.randomUUID().toString();
        String placed = expectBreakdown(fixtures.checkout(token, cart, key, country, method, code.toLowerCase())
                .andExpect(status().isCreated()), 2009, 201, 490, 437, 2735)
                .andExpect(jsonPath("$.shippingMethod").value(method))
                .andExpect(jsonPath("$.discountCode").value(code.toUpperCase()))
                .andReturn().getResponse().getContentAsString();
        String orderId = JsonPath.read(placed, "$.orderId");
        String intent = JsonPath.read(placed, "$.payment.paymentIntentId");
        assertThat(fixtures.stripe.intentJson(intent).path("amount").asLong()).isEqualTo(2735);
        assertThat(pricing.timesUsed(code)).isEqualTo(1);
        for (String figure : new String[] { "subtotal", "discount", "shipping", "tax", "total" }) {
            assertThat((Integer) JsonPath.read(placed, "$." + figure + ".amount"))
                    .as(figure).isEqualTo(JsonPath.read(quote, "$." + figure + ".amount"));
        }

        String order = fixtures.order(token, orderId);
        for (String figure : new String[] { "subtotal", "discount", "shipping", "tax", "total" }) {
            assertThat((Integer) JsonPath.read(order, "$." + figure + ".amount"))
                    .as(figure).isEqualTo(JsonPath.read(quote, "$." + figure + ".amount"));
        }
        assertThat((String) JsonPath.read(order, "$.shippingMethod")).isEqualTo(method);
        assertThat((String) JsonPath.read(order, "$.discountCode")).isEqualTo(code.toUpperCase());
        assertThat((String) JsonPath.read(order, "$.taxRate")).isEqualTo("19");
        assertThat((Boolean) JsonPath.read(order, "$.taxIncluded")).isFalse();
        assertThat(JsonPath.<java.util.List<Integer>>read(order, "$.lines[*].discount.amount")).containsExactly(101, 100);
        assertThat(JsonPath.<java.util.List<Integer>>read(order, "$.lines[*].tax.amount")).containsExactly(172, 172);

        // the idempotent replay answers the same breakdown
        String replay = fixtures.checkout(token, cart, key, country, method, code.toLowerCase())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(replay).isEqualTo(placed);
        assertThat(pricing.timesUsed(code)).isEqualTo(1);

        // later changes of the rate, the method and the code leave the placed order as it was charged
        pricing.taxRate(country, "25");
        pricing.updateDiscountCode(code, "\"type\": \"PERCENTAGE\", \"value\": 50").andExpect(status().isOk());
        pricing.deleteShippingMethod(method);
        assertThat(fixtures.order(token, orderId)).isEqualTo(order);
    }

    @Test
    void aRefundNeverExceedsWhatWasPaid() throws Exception {
        String method = pricing.shippingMethod(PricingFixtures.unique("std-"), 500, null, country);
        pricing.taxRate(country, "20");
        UUID product = fixtures.catalog.product("Lamp", 2000, 5);
        String token = Tokens.customer();
        // 2000 + 500 shipping + 20 % tax (400 + 100) = 3000
        String placed = fixtures.checkout(token, fixtures.cartWith(product, 1), UUID.randomUUID().toString(), country,
                method, null).andExpect(status().isCreated()).andExpect(jsonPath("$.total.amount").value(3000))
                .andReturn().getResponse().getContentAsString();
        OrderFixtures.Placed order = new OrderFixtures.Placed(JsonPath.read(placed, "$.orderId"),
                JsonPath.read(placed, "$.payment.paymentIntentId"), placed);
        fixtures.pay(order);
        String admin = Tokens.admin();

        fixtures.refund(admin, order.orderId(), UUID.randomUUID().toString(), "{\"amount\": 3001}")
                .andExpect(status().isConflict());
        fixtures.refund(admin, order.orderId(), UUID.randomUUID().toString(), "{}")
                .andExpect(status().is2xxSuccessful())
                .andExpect(jsonPath("$.amount.amount").value(3000));
        assertThat(fixtures.refundRequests(order.paymentIntentId())).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).contains("amount=3000"));
    }

    @Test
    void aDiscountedOrderRefundsItsDiscountedTotalAtMost() throws Exception {
        String code = pricing.discountCode(PricingFixtures.unique("FIVE"), "\"type\": \"FIXED_AMOUNT\", \"value\": 500");
        UUID product = fixtures.catalog.product("Vase", 2000, 5);
        String token = Tokens.customer();
        String placed = fixtures.checkout(token, fixtures.cartWith(product, 1), UUID.randomUUID().toString(), country,
                null, code).andExpect(status().isCreated()).andExpect(jsonPath("$.total.amount").value(1500))
                .andReturn().getResponse().getContentAsString();
        OrderFixtures.Placed order = new OrderFixtures.Placed(JsonPath.read(placed, "$.orderId"),
                JsonPath.read(placed, "$.payment.paymentIntentId"), placed);
        assertThat(fixtures.stripe.intentJson(order.paymentIntentId()).path("amount").asLong()).isEqualTo(1500);
        fixtures.pay(order);
        fixtures.refund(Tokens.admin(), order.orderId(), UUID.randomUUID().toString(), "{\"amount\": 2000}")
                .andExpect(status().isConflict());
    }

    @Test
    void withNoMethodForTheCountryCheckoutIsAsItWasAndOnceOneShipsThereItMustBeChosen() throws Exception {
        UUID product = fixtures.catalog.product("Kettle", 3000, 10);
        String token = Tokens.customer();
        fixtures.checkout(token, fixtures.cartWith(product, 1), null, country, null, null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.subtotal.amount").value(3000))
                .andExpect(jsonPath("$.shipping.amount").value(0))
                .andExpect(jsonPath("$.tax.amount").value(0))
                .andExpect(jsonPath("$.total.amount").value(3000))
                .andExpect(jsonPath("$.shippingMethod").value(org.hamcrest.Matchers.nullValue()));

        String cheap = pricing.shippingMethod(PricingFixtures.unique("cheap-"), 300, null, country);
        String fast = pricing.shippingMethod(PricingFixtures.unique("fast-"), 900, null, country);
        String elsewhere = pricing.shippingMethod(PricingFixtures.unique("away-"), 100, null,
                PricingFixtures.freshCountry());
        String cart = fixtures.cartWith(product, 1);
        int orders = orderCount();

        refusedWithoutAnyWrite(fixtures.checkout(token, cart, null, country, null, null), cart, product, orders)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/shipping-method-required"))
                .andExpect(jsonPath("$.errors[0].field").value("shippingMethod"))
                .andExpect(jsonPath("$.available", contains(java.util.stream.Stream.of(cheap, fast).sorted().toArray())));
        refusedWithoutAnyWrite(fixtures.checkout(token, cart, null, country, elsewhere, null), cart, product, orders)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/shipping-method-unavailable"))
                .andExpect(jsonPath("$.reason").value("does-not-ship-to-country"))
                .andExpect(jsonPath("$.errors[0].field").value("shippingMethod"));
        refusedWithoutAnyWrite(fixtures.checkout(token, cart, null, country, "no-such-method", null), cart, product, orders)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.reason").value("unknown"));
        fixtures.quote(token, cart, country, null, null).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/shipping-method-required"));

        fixtures.checkout(token, cart, null, country, fast, null).andExpect(status().isCreated())
                .andExpect(jsonPath("$.shipping.amount").value(900))
                .andExpect(jsonPath("$.total.amount").value(3900));
    }

    @Test
    void aMethodOrCodeWithdrawnBetweenQuoteAndCheckoutIsRefusedAndNothingIsWritten() throws Exception {
        String method = pricing.shippingMethod(PricingFixtures.unique("std-"), 400, null, country);
        String spare = pricing.shippingMethod(PricingFixtures.unique("spare-"), 450, null, country);
        String code = pricing.discountCode(PricingFixtures.unique("GONE"), "\"type\": \"PERCENTAGE\", \"value\": 20");
        UUID product = fixtures.catalog.product("Rug", 5000, 4);
        String token = Tokens.customer();
        String cart = fixtures.cartWith(product, 1);
        fixtures.quote(token, cart, country, method, code).andExpect(status().isOk());
        int orders = orderCount();

        pricing.deactivateShippingMethod(method, 400, country);
        refusedWithoutAnyWrite(fixtures.checkout(token, cart, UUID.randomUUID().toString(), country, method, code),
                cart, product, orders)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/shipping-method-unavailable"));

        pricing.deleteDiscountCode(code);
        refusedWithoutAnyWrite(fixtures.checkout(token, cart, UUID.randomUUID().toString(), country, spare, code),
                cart, product, orders)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/discount-code-unknown"))
                .andExpect(jsonPath("$.errors[0].field").value("discountCode"));
    }

    @Test
    void aCodeThatDoesNotApplyIsRefusedSayingWhyByTheQuoteAndByCheckout() throws Exception {
        UUID product = fixtures.catalog.product("Mug", 1000, 50);
        String token = Tokens.customer();
        String cart = fixtures.cartWith(product, 2);
        int orders = orderCount();

        String expired = pricing.discountCode(PricingFixtures.unique("OLD"),
                "\"type\": \"PERCENTAGE\", \"value\": 5, \"endsAt\": \"2020-01-01T00:00:00Z\"");
        String future = pricing.discountCode(PricingFixtures.unique("SOON"),
                "\"type\": \"PERCENTAGE\", \"value\": 5, \"startsAt\": \"2099-01-01T00:00:00Z\"");
        String minimum = pricing.discountCode(PricingFixtures.unique("BIG"),
                "\"type\": \"PERCENTAGE\", \"value\": 5, \"minSubtotal\": 2001");
        String inactive = pricing.discountCode(PricingFixtures.unique("OFF"),
                "\"type\": \"PERCENTAGE\", \"value\": 5, \"active\": false");
        String once = pricing.discountCode(PricingFixtures.unique("ONCE"),
                "\"type\": \"PERCENTAGE\", \"value\": 5, \"usageLimit\": 1");
        String mine = pricing.discountCode(PricingFixtures.unique("MINE"),
                "\"type\": \"PERCENTAGE\", \"value\": 5, \"perCustomerLimit\": 1");
        fixtures.checkout(Tokens.customer(), fixtures.cartWith(product, 1), null, country, null, once)
                .andExpect(status().isCreated());
        fixtures.checkout(token, fixtures.cartWith(product, 1), null, country, null, mine)
                .andExpect(status().isCreated());
        orders += 2;

        String[][] cases = {
                { "NO-SUCH-CODE", "discount-code-unknown" },
                { inactive, "discount-code-unknown" },
                { expired, "discount-code-expired" },
                { future, "discount-code-not-yet-valid" },
                { minimum, "discount-code-below-minimum" },
                { once, "discount-code-used-up" },
                { mine, "discount-code-limit-reached" },
        };
        for (String[] c : cases) {
            fixtures.quote(token, cart, country, null, c[0])
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/" + c[1]))
                    .andExpect(jsonPath("$.errors[0].field").value("discountCode"))
                    .andExpect(jsonPath("$.code").value(c[0]));
            refusedWithoutAnyWrite(fixtures.checkout(token, cart, UUID.randomUUID().toString(), country, null, c[0]),
                    cart, product, orders)
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/" + c[1]));
        }
        // a subtotal that reaches the minimum takes the code
        fixtures.quote(token, fixtures.cartWith(product, 3), country, null, minimum).andExpect(status().isOk())
                .andExpect(jsonPath("$.discount.amount").value(150));
    }

    @Test
    void shippingIsFreeFromTheMethodsThresholdAndWithAFreeShippingCodeAndAFixedCodeStopsAtTheSubtotal()
            throws Exception {
        String method = pricing.shippingMethod(PricingFixtures.unique("std-"), 490, 5000L, country);
        pricing.taxRate(country, "10");
        String free = pricing.discountCode(PricingFixtures.unique("SHIP"), "\"type\": \"FREE_SHIPPING\"");
        String huge = pricing.discountCode(PricingFixtures.unique("HUGE"), "\"type\": \"FIXED_AMOUNT\", \"value\": 99999");
        UUID product = fixtures.catalog.product("Blanket", 2500, 20);
        String token = Tokens.customer();

        // 2500 + 490 + 10 % tax (250 + 49) = 3289; at 5000 the method costs nothing: 5000 + 500 = 5500
        expectBreakdown(fixtures.quote(token, fixtures.cartWith(product, 1), country, method, null), 2500, 0, 490, 299, 3289);
        expectBreakdown(fixtures.quote(token, fixtures.cartWith(product, 2), country, method, null), 5000, 0, 0, 500, 5500);
        expectBreakdown(fixtures.quote(token, fixtures.cartWith(product, 1), country, method, free), 2500, 0, 0, 250, 2750);
        // 99999 off 2500 is 2500 off: what is left to pay is the shipping and its tax
        expectBreakdown(fixtures.checkout(token, fixtures.cartWith(product, 1), null, country, method, huge)
                .andExpect(status().isCreated()), 2500, 2500, 490, 49, 539);
    }

    @Test
    void theStorefrontListsTheMethodsOfACountryPricedForTheCart() throws Exception {
        String standard = pricing.shippingMethod(PricingFixtures.unique("std-"), 490, 5000L, country);
        String express = pricing.shippingMethod(PricingFixtures.unique("exp-"), 990, null, country);
        String inactive = pricing.shippingMethod(PricingFixtures.unique("off-"), 100, null, country);
        pricing.deactivateShippingMethod(inactive, 100, country);
        UUID product = fixtures.catalog.product("Chair", 2600, 10);
        String small = fixtures.cartWith(product, 1);
        String large = fixtures.cartWith(product, 2);

        mvc.perform(get("/api/shipping-methods").param("country", country).param("cartId", small))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", contains(standard, express)))
                .andExpect(jsonPath("$[0].price.amount").value(490))
                .andExpect(jsonPath("$[0].freeAbove.amount").value(5000))
                .andExpect(jsonPath("$[0].estimatedDays").value(3))
                .andExpect(jsonPath("$[1].price.amount").value(990));
        mvc.perform(get("/api/shipping-methods").param("country", country).param("cartId", large))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", contains(standard, express)))
                .andExpect(jsonPath("$[0].price.amount").value(0));
        mvc.perform(get("/api/shipping-methods").param("country", country))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].price.amount").value(490));
        mvc.perform(get("/api/shipping-methods").param("country", PricingFixtures.freshCountry()))
                .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));

        mvc.perform(get("/api/shipping-methods").param("country", "XX"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("country"));
        mvc.perform(get("/api/shipping-methods")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("country"));
        mvc.perform(get("/api/shipping-methods").param("country", country).param("cartId", "not-a-uuid"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/shipping-methods").param("country", country).param("cartId", UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
        // a customer's cart is its owner's to price
        String owner = Tokens.customer();
        String owned = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, owner))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(get("/api/shipping-methods").param("country", country).param("cartId", owned))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/shipping-methods").param("country", country).param("cartId", owned)
                .header(HttpHeaders.AUTHORIZATION, owner)).andExpect(status().isOk());
    }

    @Test
    void anUnknownCountryIsABadRequestNamingTheFieldAndTheQuoteAnswersCheckoutsOtherProblems() throws Exception {
        UUID product = fixtures.catalog.product("Spoon", 300, 1);
        String token = Tokens.customer();
        String cart = fixtures.cartWith(product, 1);
        for (ResultActions refused : new ResultActions[] { fixtures.quote(token, cart, "XX", null, null),
                fixtures.checkout(token, cart, null, "XX", null, null) }) {
            refused.andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("shippingAddress.country"));
        }
        fixtures.catalog.setStock(product, 0);
        fixtures.quote(token, cart, country, null, null).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/insufficient-stock"))
                .andExpect(jsonPath("$.products[0].available").value(0));
        String empty = JsonPath.read(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/carts")).andReturn().getResponse().getContentAsString(), "$.id");
        fixtures.quote(token, empty, country, null, null).andExpect(status().isBadRequest());
        fixtures.quote(token, UUID.randomUUID().toString(), country, null, null).andExpect(status().isNotFound());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/checkout/quote")
                .contentType("application/json").content(OrderFixtures.pricedBody(cart, country, null, null)))
                .andExpect(status().isUnauthorized());
    }

    private ResultActions expectBreakdown(ResultActions answer, long subtotal, long discount, long shipping, long tax,
            long total) throws Exception {
        return answer.andExpect(jsonPath("$.subtotal.amount").value(subtotal))
                .andExpect(jsonPath("$.discount.amount").value(discount))
                .andExpect(jsonPath("$.shipping.amount").value(shipping))
                .andExpect(jsonPath("$.tax.amount").value(tax))
                .andExpect(jsonPath("$.total.amount").value(total))
                .andExpect(jsonPath("$.total.currency").value("EUR"));
    }

    /** The answer, after checking that the refused checkout wrote nothing: cart full, nothing reserved, no order. */
    private ResultActions refusedWithoutAnyWrite(ResultActions answer, String cart, UUID product, int ordersBefore)
            throws Exception {
        mvc.perform(get("/api/carts/{id}", cart)).andExpect(jsonPath("$.items", hasSize(1)));
        assertThat(fixtures.stock(product)[1]).as("units reserved").isEqualTo(reservedByOrders(product));
        assertThat(orderCount()).isEqualTo(ordersBefore);
        return answer;
    }

    private int reservedByOrders(UUID product) {
        return jdbc.queryForObject("""
                select coalesce(sum(l.quantity), 0) from orders_order_line l join orders_order o on o.id = l.order_id
                where o.status = 'PENDING_PAYMENT' and l.product_id = unhex(replace(?, '-', ''))""", Integer.class,
                product.toString());
    }

    private int orderCount() {
        return jdbc.queryForObject("select count(*) from orders_order", Integer.class);
    }
}
