package com.example.shop.orders;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.example.shop.testsupport.CatalogFixtures;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Carts, checkouts and order reads over HTTP, and the few facts tests read straight from the database. */
final class OrderFixtures {

    static final String ADDRESS = """
            {"name": "Ada Lovelace", "line1": "12 Analytical St", "line2": null, "city": "London",
             "postalCode": "N1 9GU", "country": "GB"}""";

    final MockMvc mvc;
    final JdbcTemplate jdbc;
    final CatalogFixtures catalog;

    OrderFixtures(MockMvc mvc, JdbcTemplate jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.catalog = new CatalogFixtures(mvc);
    }

    record Placed(String orderId, String paymentIntentId, String body) {
    }

    /** An anonymous cart holding {@code quantity} of {@code product}. */
    String cartWith(UUID product, int quantity) throws Exception {
        String cart = JsonPath.read(mvc.perform(post("/api/carts")).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/carts/{id}/items", cart).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"productId\": \"" + product + "\", \"quantity\": " + quantity + "}"))
                .andExpect(status().isCreated());
        return cart;
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

    /** A product with {@code stock} units, put in a cart and checked out by the token's customer. */
    Placed placeOrder(String token, long price, int stock, int quantity) throws Exception {
        UUID product = catalog.product("Item " + UUID.randomUUID().toString().substring(0, 6), price, stock);
        return placeOrder(token, product, quantity);
    }

    Placed placeOrder(String token, UUID product, int quantity) throws Exception {
        String body = checkout(token, cartWith(product, quantity), UUID.randomUUID().toString())
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Placed(JsonPath.read(body, "$.orderId"), JsonPath.read(body, "$.payment.paymentIntentId"), body);
    }

    String order(String token, String orderId) throws Exception {
        return mvc.perform(get("/api/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    String statusOf(String orderId) {
        return jdbc.queryForObject("select status from orders_order where id = unhex(replace(?, '-', ''))", String.class,
                orderId);
    }

    void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(statusOf(orderId)));
    }

    /** Units of a product: [onHand, reserved]. */
    int[] stock(UUID product) {
        return jdbc.queryForObject("select on_hand, reserved from catalog_stock where product_id = unhex(replace(?, '-', ''))",
                (rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) }, product.toString());
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

    void ageOrder(String orderId, Duration by) {
        jdbc.update("update orders_order set created_at = created_at - interval ? second where id = unhex(replace(?, '-', ''))",
                by.toSeconds(), orderId);
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

    /** Status of the orders listener's publication of a payments event about an order (null when none is open). */
    String listenerPublicationStatus(String orderId) {
        List<String> statuses = jdbc.queryForList("""
                select status from event_publication
                where listener_id like '%PaymentEventListeners%' and serialized_event like ?""", String.class,
                "%" + orderId + "%");
        return statuses.isEmpty() ? null : statuses.get(0);
    }
}
