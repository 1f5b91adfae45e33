package com.example.shop.orders;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.jayway.jsonpath.JsonPath;

import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.example.shop.payments.StripeEvents;
import com.example.shop.payments.StripeStandIn;
import com.example.shop.testsupport.CatalogFixtures;
import com.example.shop.testsupport.CommittedSql;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the orders tests share: carts, checkouts, payments and admin actions over HTTP, Stripe's side through
 * the stand-in, and the few facts tests read or bend straight in the database. A test class of the whole
 * application gets it injected ({@code @Autowired OrderFixtures fixtures}). Lazy: contexts without MockMvc
 * (the running application, the orders module test) have the bean but never create it.
 */
@Component
@Lazy
public class OrderFixtures {

    static final String ADDRESS = """
            {"name": "Ada Lovelace", "line1": "12 Analytical St", "line2": null, "city": "London",
             "postalCode": "N1 9GU", "country": "GB"}""";

    final MockMvc mvc;
    final JdbcTemplate jdbc;
    final CommittedSql committed;
    final CatalogFixtures catalog;
    final StripeStandIn stripe = StripeStandIn.shared();

    OrderFixtures(MockMvc mvc, JdbcTemplate jdbc, CommittedSql committed) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.committed = committed;
        this.catalog = new CatalogFixtures(mvc);
    }

    public record Placed(String orderId, String paymentIntentId, String body) {
    }

    // --- placing and paying -------------------------------------------------------------------------

    /** An anonymous cart holding {@code quantity} of {@code product}. */
    String cartWith(UUID product, int quantity) throws Exception {
        String cart = JsonPath.read(mvc.perform(post("/api/carts")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        addToCart(cart, product, quantity).andExpect(status().isCreated());
        return cart;
    }

    /** Adds to an anonymous cart. */
    ResultActions addToCart(String cart, UUID product, int quantity) throws Exception {
        return mvc.perform(post("/api/carts/{id}/items", cart).contentType(MediaType.APPLICATION_JSON)
                .content("{\"productId\": \"" + product + "\", \"quantity\": " + quantity + "}"));
    }

    ResultActions checkout(String token, String cart, String idempotencyKey) throws Exception {
        var request = post("/api/checkout").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + ADDRESS + "}");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    /** A checkout to {@code country} with a shipping method and a discount code (each null for none). */
    ResultActions checkout(String token, String cart, String idempotencyKey, String country, String shippingMethod,
            String discountCode) throws Exception {
        var request = post("/api/checkout").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content(pricedBody(cart, country, shippingMethod, discountCode));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request);
    }

    /** What that checkout would charge: {@code POST /api/checkout/quote} with the same body. */
    ResultActions quote(String token, String cart, String country, String shippingMethod, String discountCode)
            throws Exception {
        return mvc.perform(post("/api/checkout/quote").header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON).content(pricedBody(cart, country, shippingMethod, discountCode)));
    }

    static String pricedBody(String cart, String country, String shippingMethod, String discountCode) {
        return """
                {"cartId": "%s", "shippingAddress": {"name": "Ada Lovelace", "line1": "12 Analytical St", "line2": null,
                 "city": "Paris", "postalCode": "75001", "country": "%s"}, "shippingMethod": %s, "discountCode": %s}"""
                .formatted(cart, country, quoted(shippingMethod), quoted(discountCode));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    /** A product with {@code stock} units, put in a cart and checked out by the token's customer. */
    public Placed placeOrder(String token, long price, int stock, int quantity) throws Exception {
        UUID product = catalog.product("Item " + UUID.randomUUID().toString().substring(0, 6), price, stock);
        return placeOrder(token, product, quantity);
    }

    Placed placeOrder(String token, UUID product, int quantity) throws Exception {
        String body = checkout(token, cartWith(product, quantity), UUID.randomUUID().toString())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Placed(JsonPath.read(body, "$.orderId"), JsonPath.read(body, "$.payment.paymentIntentId"), body);
    }

    /** Stripe reports the order's payment succeeded (a signed webhook), and the order becomes PAID. */
    public void pay(Placed order) throws Exception {
        StripeEvents.deliver(mvc, StripeEvents.paymentSucceeded(order.paymentIntentId())).andExpect(status().isOk());
        awaitStatus(order.orderId(), "PAID");
    }

    /** A placed order, paid. */
    Placed paidOrder(String token, long price, int stock, int quantity) throws Exception {
        Placed order = placeOrder(token, price, stock, quantity);
        pay(order);
        return order;
    }

    // --- reading and acting on orders ---------------------------------------------------------------

    String order(String token, String orderId) throws Exception {
        return mvc.perform(get("/api/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    public ResultActions ship(String admin, String orderId, String carrier, String trackingNumber) throws Exception {
        return mvc.perform(post("/api/admin/orders/{id}/ship", orderId).header(HttpHeaders.AUTHORIZATION, admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"carrier\": \"" + carrier + "\", \"trackingNumber\": \"" + trackingNumber + "\"}"));
    }

    public ResultActions refund(String admin, String orderId, String idempotencyKey, String body) throws Exception {
        return mvc.perform(post("/api/admin/orders/{id}/refunds", orderId).header(HttpHeaders.AUTHORIZATION, admin)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    // --- Stripe's side ------------------------------------------------------------------------------

    /** Until removed, Stripe answers requests to {@code path} whose body contains {@code bodyContains} with an error. */
    StubMapping stripeFails(String path, String bodyContains, int status, String errorType, String message) {
        return stripe.server().stubFor(WireMock.post(WireMock.urlPathEqualTo(path))
                .withRequestBody(WireMock.containing(bodyContains)).atPriority(1)
                .willReturn(WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"" + errorType + "\",\"message\":\"" + message + "\"}}")));
    }

    /** The refund requests Stripe received for a PaymentIntent. */
    List<LoggedRequest> refundRequests(String paymentIntentId) {
        return stripe.requests("POST", "/v1/refunds").stream()
                .filter(request -> request.getBodyAsString().contains(paymentIntentId))
                .toList();
    }

    /** The refunds asked of Stripe for a PaymentIntent: its refund requests, a retry under the same key counted once. */
    long refundsAtStripe(String paymentIntentId) {
        return refundRequests(paymentIntentId).stream().map(request -> request.getHeader("Idempotency-Key"))
                .distinct().count();
    }

    // --- the database -------------------------------------------------------------------------------

    String statusOf(String orderId) {
        return orderColumn(orderId, "status", String.class);
    }

    /** One column of an order's row, as stored. */
    <T> T orderColumn(String orderId, String column, Class<T> type) {
        return jdbc.queryForObject("select " + column + " from orders_order where id = unhex(replace(?, '-', ''))", type,
                orderId);
    }

    public void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(statusOf(orderId)));
    }

    /** Units of a product: [onHand, reserved]. */
    int[] stock(UUID product) {
        return jdbc.queryForObject("select on_hand, reserved from catalog_stock where product_id = unhex(replace(?, '-', ''))",
                (rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) }, product.toString());
    }

    /** Bends a product's reserved units, so that the next stock movement of an order fails (or works again). */
    void setReserved(UUID product, int reserved) {
        committed.update("update catalog_stock set reserved = ? where product_id = unhex(replace(?, '-', ''))", reserved,
                product.toString());
    }

    void ageOrder(String orderId, Duration by) {
        committed.update("update orders_order set created_at = created_at - interval ? second where id = unhex(replace(?, '-', ''))",
                by.toSeconds(), orderId);
    }

    /**
     * As if the first request with this Idempotency-Key had died before it stored its response, long enough
     * ago to be taken for dead: with what it placed attached, or ({@code placedNothing}) before its
     * transaction committed anything.
     */
    void asIfFirstRequestDied(String idempotencyKey, boolean placedNothing) {
        committed.update("update orders_idempotency_key set completed_at = null, response_status = null, response_body = null,"
                + (placedNothing ? " resource_id = null," : "")
                + " created_at = created_at - interval 5 minute where idempotency_key = ?", idempotencyKey);
    }

    /** Publications of an orders event for an order (open or archived), as the registry stored them. */
    int publications(Class<?> eventType, String orderId) {
        String like = "%" + orderId + "%";
        return jdbc.queryForObject("""
                select count(*) from (
                  select id from event_publication where event_type = ? and listener_id like ? and serialized_event like ?
                  union all
                  select id from event_publication_archive where event_type = ? and listener_id like ? and serialized_event like ?
                ) p""", Integer.class, eventType.getName(), OrderEventsRecorder.LISTENER_ID_PREFIX + "%", like,
                eventType.getName(), OrderEventsRecorder.LISTENER_ID_PREFIX + "%", like);
    }

    /** Completed deliveries of a payments event to orders' listener, for events that mention {@code text}. */
    int completedReactions(Class<?> paymentEventType, String text) {
        return jdbc.queryForObject("""
                select count(*) from event_publication_archive
                where listener_id like '%PaymentEventListeners%' and event_type = ? and serialized_event like ?""",
                Integer.class, paymentEventType.getName(), "%" + text + "%");
    }

    /**
     * Until orders has finished reacting to every payments event about the order. Payments writes the
     * publication of each event for orders' listener in the same transaction as the payment's change, so once
     * a webhook has been answered, every reaction still to come is an open publication; it is archived when
     * the reaction is done. (A reaction that fails stays open: this then times out.)
     */
    void awaitReactions(String orderId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> listenerPublicationStatus(orderId) == null);
    }

    /** Until orders' reaction to a payments event about the order has failed (it then waits for a redelivery). */
    void awaitFailedReaction(String orderId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(listenerPublicationStatus(orderId)));
    }

    /** Status of the orders listener's publication of a payments event about an order (null when none is open). */
    String listenerPublicationStatus(String orderId) {
        List<String> statuses = jdbc.queryForList("""
                select status from event_publication
                where listener_id like '%PaymentEventListeners%' and serialized_event like ?""", String.class,
                "%" + orderId + "%");
        return statuses.isEmpty() ? null : statuses.get(0);
    }
}
