package com.example.shop.orders;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.Concurrently;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.PricingFixtures;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Guest checkout on the real database: an anonymous cart bought with an e-mail, the order opened with its access
 * key ({@code Order-Access-Key}), paid through a signed webhook, claimed by a customer once, and guessing limited.
 */
@IntegrationTest
class GuestCheckoutTests {

    static final String KEY = "Order-Access-Key";

    /** Every test guesses from addresses of its own, so the per-address limit of one never touches another. */
    static final AtomicInteger ADDRESSES = new AtomicInteger(new java.util.Random().nextInt(1 << 20) << 4);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderFixtures fixtures;

    record Guest(String orderId, String accessKey, String body) {
    }

    @Test
    void aGuestBuysPaysAndReadsTheOrderWithItsKey() throws Exception {
        UUID product = fixtures.catalog.product("Guest Teapot", 3450, 5);
        String cart = fixtures.cartWith(product, 2);
        String email = "guest-" + UUID.randomUUID() + "@example.com";

        String body = guestCheckout(cart, email, UUID.randomUUID().toString())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PENDING_PAYMENT"))
                .andExpect(jsonPath("$.total.amount").value(6900))
                .andExpect(jsonPath("$.payment.clientSecret").isNotEmpty())
                .andExpect(jsonPath("$.orderAccessKey").isNotEmpty())
                .andReturn().getResponse().getContentAsString();
        String orderId = JsonPath.read(body, "$.orderId");
        String key = JsonPath.read(body, "$.orderAccessKey");
        String intent = JsonPath.read(body, "$.payment.paymentIntentId");
        // 256 random bits, base64url: 43 characters; only the SHA-256 is stored, nowhere the key itself
        assertThat(key).matches("[A-Za-z0-9_-]{43}");
        assertThat(fixtures.orderColumn(orderId, "access_key_hash", String.class)).isEqualTo(sha256(key));
        assertThat(fixtures.orderColumn(orderId, "customer_id", byte[].class)).isNull();
        assertThat(fixtures.orderColumn(orderId, "email", String.class)).isEqualTo(email);
        assertThat(jdbc.queryForObject("select count(*) from orders_idempotency_key where response_body like ?",
                Integer.class, "%" + key + "%")).isZero();
        assertThat(fixtures.stock(product)).containsExactly(5, 2);
        assertThat(fixtures.publications(OrderPlaced.class, orderId)).isEqualTo(1);

        mvc.perform(get("/api/orders/{id}", orderId).header(KEY, key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING_PAYMENT"))
                .andExpect(jsonPath("$.guest").value(true))
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.lines[0].name").value("Guest Teapot"));
        mvc.perform(get("/api/orders/{id}/payment", orderId).header(KEY, key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentIntentId").value(intent));

        StripeEvents.deliver(mvc, StripeEvents.paymentSucceeded(intent)).andExpect(status().isOk());
        fixtures.awaitStatus(orderId, "PAID");
        mvc.perform(get("/api/orders/{id}", orderId).header(KEY, key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.paidAt").isNotEmpty());
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
        assertThat(fixtures.publications(OrderPaid.class, orderId)).isEqualTo(1);

        // the admin sees it among all orders, with its e-mail and no customer
        String all = mvc.perform(get("/api/admin/orders").param("size", "100").header(HttpHeaders.AUTHORIZATION, Tokens.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Object> row = JsonPath.read(all, "$.content[?(@.id == '" + orderId + "')]");
        assertThat(row).hasSize(1);
        assertThat((List<Object>) JsonPath.read(all, "$.content[?(@.id == '" + orderId + "')].email")).containsExactly(email);
        assertThat((List<Object>) JsonPath.read(all, "$.content[?(@.id == '" + orderId + "')].guest")).containsExactly(true);
        assertThat((List<Object>) JsonPath.read(all, "$.content[?(@.id == '" + orderId + "')].customerId")).containsExactly((Object) null);
        // and refunds it as any other
        fixtures.refund(Tokens.admin(), orderId, UUID.randomUUID().toString(), "{\"amount\": 1000}")
                .andExpect(status().is2xxSuccessful());
    }

    @Test
    void aWrongOrMissingKeyIsANotFoundLikeAForeignOrder() throws Exception {
        Guest order = guestOrder(1);
        String address = nextAddress();
        // the real key with its first character changed (a key may itself start with "x")
        String wrong = (order.accessKey().charAt(0) == 'x' ? "y" : "x") + order.accessKey().substring(1);

        for (var request : List.of(get("/api/orders/{id}", order.orderId()),
                get("/api/orders/{id}/payment", order.orderId()), post("/api/orders/{id}/cancel", order.orderId()),
                post("/api/orders/{id}/events/ticket", order.orderId()))) {
            mvc.perform(request.header(KEY, wrong).with(from(address)))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/order-not-found"));
        }
        // the same answer as for an order that does not exist
        mvc.perform(get("/api/orders/{id}", UUID.randomUUID()).header(KEY, order.accessKey()).with(from(address)))
                .andExpect(status().isNotFound());
        // another guest order's key opens only that one
        Guest other = guestOrder(1);
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(KEY, other.accessKey()).with(from(address)))
                .andExpect(status().isNotFound());
        // a customer's token opens no guest order; neither token nor key is a 401
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, Tokens.customer()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/orders/{id}", order.orderId())).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/orders/{id}/cancel", order.orderId())).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/orders/{id}/events/ticket", order.orderId())).andExpect(status().isUnauthorized());
        // the right key gets a ticket for the order's event stream, as a token does for a customer's order
        mvc.perform(post("/api/orders/{id}/events/ticket", order.orderId()).header(KEY, order.accessKey())
                        .with(from(address)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.ticket").isString());
        // a customer order does not open with any key
        OrderFixtures.Placed customers = fixtures.placeOrder(Tokens.customer(), 500, 3, 1);
        mvc.perform(get("/api/orders/{id}", customers.orderId()).header(KEY, order.accessKey()).with(from(address)))
                .andExpect(status().isNotFound());

        assertThat(fixtures.statusOf(order.orderId())).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void theGuestCancelsWithTheKeyAndTheStockGoesBack() throws Exception {
        UUID product = fixtures.catalog.product("Cancelled by a guest", 900, 4);
        String body = guestCheckout(fixtures.cartWith(product, 3), "cancel-" + UUID.randomUUID() + "@example.com", null)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String orderId = JsonPath.read(body, "$.orderId");
        assertThat(fixtures.stock(product)).containsExactly(4, 3);

        mvc.perform(post("/api/orders/{id}/cancel", orderId).header(KEY, (String) JsonPath.read(body, "$.orderAccessKey")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.cancellationReason").value("cancelled by the customer"));
        assertThat(fixtures.stock(product)).containsExactly(4, 0);
        assertThat(fixtures.publications(OrderCancelled.class, orderId)).isEqualTo(1);
    }

    @Test
    void guessingKeysIsLimitedPerOrderAndPerClientAddress() throws Exception {
        // per order: ten wrong keys from ten addresses, then even the right key waits
        Guest order = guestOrder(1);
        for (int i = 0; i < 10; i++) {
            mvc.perform(get("/api/orders/{id}", order.orderId()).header(KEY, "wrong-" + i).with(from(nextAddress())))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(KEY, "wrong-again").with(from(nextAddress())))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/too-many-requests"));
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(KEY, order.accessKey()).with(from(nextAddress())))
                .andExpect(status().isTooManyRequests());

        // per address: thirty wrong keys across orders, then that address waits, also with a right key
        String address = nextAddress();
        for (int i = 0; i < 30; i++) {
            mvc.perform(get("/api/orders/{id}", UUID.randomUUID()).header(KEY, "wrong").with(from(address)))
                    .andExpect(status().isNotFound());
        }
        Guest another = guestOrder(1);
        mvc.perform(get("/api/orders/{id}", another.orderId()).header(KEY, another.accessKey()).with(from(address)))
                .andExpect(status().isTooManyRequests());
        mvc.perform(get("/api/orders/{id}", another.orderId()).header(KEY, another.accessKey()).with(from(nextAddress())))
                .andExpect(status().isOk());

        // the right key is not counted: many reads by the guest stay fine
        String reader = nextAddress();
        for (int i = 0; i < 15; i++) {
            mvc.perform(get("/api/orders/{id}", another.orderId()).header(KEY, another.accessKey()).with(from(reader)))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void concurrentClaimsMoveTheOrderToExactlyOneCustomer() throws Exception {
        Guest order = guestOrder(2);
        List<UUID> customers = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        List<Integer> statuses = Concurrently.run(customers.size(), i -> claim(Tokens.customer(customers.get(i)),
                order.orderId(), order.accessKey()).andReturn().getResponse().getStatus());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(customers.size() - 1);
        UUID winner = customers.get(statuses.indexOf(200));
        String winnerToken = Tokens.customer(winner);
        mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, winnerToken))
                .andExpect(jsonPath("$.content", hasSize(1)))
                .andExpect(jsonPath("$.content[0].id").value(order.orderId()));
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(HttpHeaders.AUTHORIZATION, winnerToken))
                .andExpect(status().isOk()).andExpect(jsonPath("$.guest").value(true));
        for (UUID loser : customers) {
            if (!loser.equals(winner)) {
                mvc.perform(get("/api/orders").header(HttpHeaders.AUTHORIZATION, Tokens.customer(loser)))
                        .andExpect(jsonPath("$.content", hasSize(0)));
            }
        }
        // claimed once: the winner again is a 409 as well; the key still reads the order
        claim(winnerToken, order.orderId(), order.accessKey()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/order-already-claimed"));
        mvc.perform(get("/api/orders/{id}", order.orderId()).header(KEY, order.accessKey())).andExpect(status().isOk());
        assertThat(fixtures.orderColumn(order.orderId(), "hex(customer_id)", String.class))
                .isEqualToIgnoringCase(winner.toString().replace("-", ""));
    }

    @Test
    void aClaimNeedsTheRightKeyAndASignedInCustomer() throws Exception {
        Guest order = guestOrder(1);
        String token = Tokens.customer();
        mvc.perform(post("/api/orders/claim").header(HttpHeaders.AUTHORIZATION, token).with(from(nextAddress()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"orderId\": \"" + order.orderId() + "\", \"orderAccessKey\": \"wrong\"}"))
                .andExpect(status().isNotFound());
        claim(token, UUID.randomUUID().toString(), order.accessKey()).andExpect(status().isNotFound());
        mvc.perform(post("/api/orders/claim").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"orderId\": \"" + order.orderId() + "\", \"orderAccessKey\": \"" + order.accessKey() + "\"}"))
                .andExpect(status().isUnauthorized());
        claim(token, order.orderId(), "").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("orderAccessKey"));
        // a customer's own order is no guest order to claim
        OrderFixtures.Placed owned = fixtures.placeOrder(Tokens.customer(), 500, 3, 1);
        claim(token, owned.orderId(), order.accessKey()).andExpect(status().isNotFound());
        assertThat(fixtures.orderColumn(order.orderId(), "customer_id", byte[].class)).isNull();

        claim(token, order.orderId(), order.accessKey()).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(order.orderId()));
    }

    @Test
    void aRepeatedGuestCheckoutAnswersTheSameOrderWithANewKey() throws Exception {
        UUID product = fixtures.catalog.product("Repeated guest", 700, 5);
        String cart = fixtures.cartWith(product, 1);
        String email = "again-" + UUID.randomUUID() + "@example.com";
        String idempotencyKey = UUID.randomUUID().toString();

        String first = guestCheckout(cart, email, idempotencyKey).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String again = guestCheckout(cart, email, idempotencyKey).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();

        String orderId = JsonPath.read(first, "$.orderId");
        assertThat((String) JsonPath.read(again, "$.orderId")).isEqualTo(orderId);
        assertThat(fixtures.stock(product)).containsExactly(5, 1);
        String oldKey = JsonPath.read(first, "$.orderAccessKey");
        String newKey = JsonPath.read(again, "$.orderAccessKey");
        assertThat(newKey).isNotEqualTo(oldKey);
        mvc.perform(get("/api/orders/{id}", orderId).header(KEY, newKey)).andExpect(status().isOk());
        mvc.perform(get("/api/orders/{id}", orderId).header(KEY, oldKey).with(from(nextAddress())))
                .andExpect(status().isNotFound());
        // the same key with another body is refused, and the key is the cart's: another cart is another request
        guestCheckout(cart, "someone-else@example.com", idempotencyKey).andExpect(status().isUnprocessableEntity());
        String otherCart = fixtures.cartWith(product, 1);
        String other = guestCheckout(otherCart, email, idempotencyKey).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(other, "$.orderId")).isNotEqualTo(orderId);
    }

    @Test
    void badGuestCheckoutsAreProblemsAndWriteNothing() throws Exception {
        UUID product = fixtures.catalog.product("Untouched", 1200, 3);
        String cart = fixtures.cartWith(product, 1);
        Integer ordersBefore = jdbc.queryForObject("select count(*) from orders_order", Integer.class);

        for (String email : List.of("not-an-email", "a@b", "two@@example.com", "x".repeat(250) + "@example.com")) {
            guestCheckout(cart, email, null).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("email"));
        }
        // no e-mail and no token: who buys?
        mvc.perform(post("/api/checkout").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + OrderFixtures.ADDRESS + "}"))
                .andExpect(status().isUnauthorized());
        // a customer's cart is not a guest's to check out, an unknown one neither
        String token = Tokens.customer();
        String owned = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/carts/{id}/items", owned).header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"productId\": \"" + product + "\", \"quantity\": 1}"))
                .andExpect(status().isCreated());
        guestCheckout(owned, "guest@example.com", null).andExpect(status().isNotFound());
        guestCheckout(UUID.randomUUID().toString(), "guest@example.com", null).andExpect(status().isNotFound());
        quote(owned, "guest@example.com").andExpect(status().isNotFound());

        assertThat(jdbc.queryForObject("select count(*) from orders_order", Integer.class)).isEqualTo(ordersBefore);
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
        mvc.perform(get("/api/carts/{id}", cart)).andExpect(jsonPath("$.items", hasSize(1)));
        mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token)).andExpect(jsonPath("$.items", hasSize(1)));
    }

    @Test
    void aGuestQuotesAsAGuestChecksOut() throws Exception {
        String cart = fixtures.cartWith(fixtures.catalog.product("Quoted", 2500, 3), 2);
        quote(cart, "quote@example.com").andExpect(status().isOk())
                .andExpect(jsonPath("$.total.amount").value(5000));
        mvc.perform(post("/api/checkout/quote").contentType(MediaType.APPLICATION_JSON)
                        .content(OrderFixtures.pricedBody(cart, "GB", null, null)))
                .andExpect(status().isUnauthorized());
        quote(cart, "nope").andExpect(status().isBadRequest());
    }

    @Test
    void anOrderWithNothingToPayIsPaidAtOnceForGuestsAndCustomers() throws Exception {
        PricingFixtures pricing = new PricingFixtures(mvc);
        String code = pricing.discountCode(PricingFixtures.unique("FREE"), "\"type\": \"PERCENTAGE\", \"value\": 100");
        String country = PricingFixtures.freshCountry();

        UUID product = fixtures.catalog.product("Free gift", 1500, 4);
        String body = guestCheckoutOf("free-" + UUID.randomUUID() + "@example.com", UUID.randomUUID().toString(),
                OrderFixtures.pricedBody(fixtures.cartWith(product, 1), country, null, code))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.total.amount").value(0))
                .andExpect(jsonPath("$.payment").value((Object) null))
                .andExpect(jsonPath("$.paymentNote").isNotEmpty())
                .andReturn().getResponse().getContentAsString();
        String orderId = JsonPath.read(body, "$.orderId");
        mvc.perform(get("/api/orders/{id}/payment", orderId).header(KEY, (String) JsonPath.read(body, "$.orderAccessKey")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value("none"))
                .andExpect(jsonPath("$.status").value("not_required"));
        assertThat(fixtures.stock(product)).containsExactly(3, 0);
        assertThat(fixtures.publications(OrderPaid.class, orderId)).isEqualTo(1);
        assertThat(fixtures.stripe.intentsFor(orderId)).isZero();

        String token = Tokens.customer();
        String customerBody = fixtures.checkout(token, fixtures.cartWith(product, 2), null, country, null, code)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.orderAccessKey").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String customerOrder = JsonPath.read(customerBody, "$.orderId");
        mvc.perform(get("/api/orders/{id}/payment", customerOrder).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("not_required"));
        assertThat(fixtures.stock(product)).containsExactly(1, 0);
        // nothing was paid, so nothing can be refunded; it ships as any paid order
        fixtures.refund(Tokens.admin(), customerOrder, UUID.randomUUID().toString(), "{}").andExpect(status().isConflict());
        fixtures.ship(Tokens.admin(), customerOrder, "DHL", "FREE-1").andExpect(status().isOk());
    }

    // --- helpers --------------------------------------------------------------------------------------

    private Guest guestOrder(int quantity) throws Exception {
        UUID product = fixtures.catalog.product("Guest item " + UUID.randomUUID().toString().substring(0, 6), 1000, 10);
        String body = guestCheckout(fixtures.cartWith(product, quantity), "g-" + UUID.randomUUID() + "@example.com",
                UUID.randomUUID().toString()).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Guest(JsonPath.read(body, "$.orderId"), JsonPath.read(body, "$.orderAccessKey"), body);
    }

    private ResultActions guestCheckout(String cart, String email, String idempotencyKey) throws Exception {
        return guestCheckoutOf(email, idempotencyKey,
                "{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + OrderFixtures.ADDRESS + "}");
    }

    /** {@code body} with the guest's e-mail added. */
    private ResultActions guestCheckoutOf(String email, String idempotencyKey, String body) throws Exception {
        MockHttpServletRequestBuilder request = post("/api/checkout").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"" + email + "\", " + body.strip().substring(1));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    private ResultActions quote(String cart, String email) throws Exception {
        return mvc.perform(post("/api/checkout/quote").contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"" + email + "\", " + OrderFixtures.pricedBody(cart, "GB", null, null).strip().substring(1)));
    }

    private ResultActions claim(String token, String orderId, String key) throws Exception {
        return mvc.perform(post("/api/orders/claim").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"orderId\": \"" + orderId + "\", \"orderAccessKey\": \"" + key + "\"}"));
    }

    private static String nextAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes()));
    }
}
