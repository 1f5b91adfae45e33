package com.example.shop.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.example.shop.cart.internal.CartService;
import com.example.shop.catalog.Catalog;
import com.example.shop.testsupport.CatalogFixtures;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CartApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    CartService service;

    CatalogFixtures catalog;

    @BeforeEach
    void setUp() {
        catalog = new CatalogFixtures(mvc);
    }

    @Test
    void anonymousCartLifecycle() throws Exception {
        UUID mug = catalog.product("Mug", 1250, 10);
        UUID tea = catalog.product("Tea", 499, 10);
        String cart = newCart(null);

        addItem(cart, null, mug, 2).andExpect(status().isCreated())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].name").value("Mug"))
                .andExpect(jsonPath("$.items[0].unitPrice.amount").value(1250))
                .andExpect(jsonPath("$.items[0].unitPrice.currency").value("EUR"))
                .andExpect(jsonPath("$.items[0].lineTotal.amount").value(2500));
        addItem(cart, null, mug, 1).andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].quantity").value(3));
        String body = addItem(cart, null, tea, 2).andExpect(status().isCreated())
                .andExpect(jsonPath("$.itemCount").value(5))
                .andExpect(jsonPath("$.subtotal.amount").value(3 * 1250 + 2 * 499))
                .andReturn().getResponse().getContentAsString();
        String teaLine = JsonPath.read(body, "$.items[1].id");

        mvc.perform(patch("/api/carts/{id}/items/{item}", cart, teaLine).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 4}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[1].quantity").value(4));
        mvc.perform(patch("/api/carts/{id}/items/{item}", cart, teaLine).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 0}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)));
        String mugLine = JsonPath.read(mvc.perform(get("/api/carts/{id}", cart)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.items[0].id");
        mvc.perform(delete("/api/carts/{id}/items/{item}", cart, mugLine))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.subtotal.amount").value(0));
    }

    @Test
    void linesKeepTheOrderTheyWereAddedInEvenWhenAddedInTheSameInstant() throws Exception {
        String cart = newCart(null);
        List<String> names = List.of("Zither", "Accordion", "Mandolin", "Banjo");
        for (String name : names) {
            addItem(cart, null, catalog.product(name, 1000, 5), 1).andExpect(status().isCreated());
        }
        // as a database that keeps whole seconds stores them
        committed.update("update cart_item set added_at = '2026-01-01 00:00:00' where cart_id = unhex(replace(?, '-', ''))", cart);

        String body = mvc.perform(get("/api/carts/{id}", cart)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(body, "$.items[*].name")).isEqualTo(names);
    }

    @Test
    void pricesAreTheCatalogsCurrentOnes() throws Exception {
        UUID kettle = catalog.product("Kettle", 2999, 5);
        UUID toaster = catalog.product("Toaster", 4999, 5);
        String cart = newCart(null);
        addItem(cart, null, kettle, 2).andExpect(status().isCreated());
        addItem(cart, null, toaster, 1).andExpect(status().isCreated());

        catalog.changePrice(kettle, 2499);
        mvc.perform(get("/api/carts/{id}", cart))
                .andExpect(jsonPath("$.items[0].unitPrice.amount").value(2499))
                .andExpect(jsonPath("$.items[0].lineTotal.amount").value(4998))
                .andExpect(jsonPath("$.subtotal.amount").value(4998 + 4999))
                .andExpect(jsonPath("$.checkoutReady").value(true));

        catalog.deactivate(toaster);
        mvc.perform(get("/api/carts/{id}", cart))
                .andExpect(jsonPath("$.items[1].available").value(false))
                .andExpect(jsonPath("$.itemCount").value(2))
                .andExpect(jsonPath("$.subtotal.amount").value(4998))
                .andExpect(jsonPath("$.checkoutReady").value(false));
        addItem(cart, null, toaster, 1).andExpect(status().isNotFound());
    }

    @Test
    void rejectsBadAdditions() throws Exception {
        UUID lamp = catalog.product("Lamp", 3900, 3);
        String cart = newCart(null);

        addItem(cart, null, UUID.randomUUID(), 1).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/product-not-found"));
        addItem(cart, null, lamp, 0).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("quantity"));
        addItem(cart, null, lamp, 100).andExpect(status().isBadRequest());
        // a line that would pass 99 with what it already holds names the quantity too
        UUID bolt = catalog.product("Bolt", 10, 500);
        addItem(cart, null, bolt, 60).andExpect(status().isCreated());
        addItem(cart, null, bolt, 40).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/invalid-quantity"))
                .andExpect(jsonPath("$.errors[0].field").value("quantity"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("was 100")));
        addItem(cart, null, lamp, 4).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.available").value(3));
        addItem(cart, null, lamp, 3).andExpect(status().isCreated());
        addItem(cart, null, lamp, 1).andExpect(status().isConflict()).andExpect(jsonPath("$.available").value(3));
        mvc.perform(post("/api/carts/{id}/items", cart).contentType(MediaType.APPLICATION_JSON).content("{\"productId\": \"nope\", \"quantity\": 1}"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/carts/{id}", UUID.randomUUID())).andExpect(status().isNotFound());
        mvc.perform(patch("/api/carts/{id}/items/{item}", cart, UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"quantity\": 1}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void changingOrRemovingALineHasItsOwnErrors() throws Exception {
        UUID vase = catalog.product("Vase", 2000, 4);
        String cart = newCart(null);
        String line = JsonPath.read(addItem(cart, null, vase, 2).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.items[0].id");

        mvc.perform(patch("/api/carts/{id}/items/{item}", cart, line).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 5}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/insufficient-stock"))
                .andExpect(jsonPath("$.requested").value(5))
                .andExpect(jsonPath("$.available").value(4));
        mvc.perform(patch("/api/carts/{id}/items/{item}", cart, line).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 100}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("quantity"));
        mvc.perform(patch("/api/carts/{id}/items/{item}", cart, line).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 4}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].quantity").value(4));

        mvc.perform(delete("/api/carts/{id}/items/{item}", cart, UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/cart-item-not-found"));
        mvc.perform(delete("/api/carts/{id}/items/{item}", cart, line)).andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)));
        mvc.perform(delete("/api/carts/{id}/items/{item}", cart, line)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/carts/{id}/items/{item}", UUID.randomUUID(), line))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/cart-not-found"));
    }

    @Test
    void ownedCartIsVisibleOnlyToItsOwner() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID book = catalog.product("Book", 1500, 5);
        String cart = newCart(Tokens.customer(alice));
        addItem(cart, Tokens.customer(alice), book, 1).andExpect(status().isCreated());

        mvc.perform(get("/api/carts/{id}", cart).header(HttpHeaders.AUTHORIZATION, Tokens.customer(alice)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.owned").value(true));
        mvc.perform(get("/api/carts/{id}", cart).header(HttpHeaders.AUTHORIZATION, Tokens.customer(bob)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/carts/{id}", cart)).andExpect(status().isNotFound());
        addItem(cart, Tokens.customer(bob), book, 1).andExpect(status().isNotFound());
        addItem(cart, null, book, 1).andExpect(status().isNotFound());
        mvc.perform(post("/api/carts/mine/merge").header(HttpHeaders.AUTHORIZATION, Tokens.customer(bob))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"cartId\": \"" + cart + "\"}"))
                .andExpect(status().isNotFound());
        String line = JsonPath.read(mvc.perform(get("/api/carts/{id}", cart).header(HttpHeaders.AUTHORIZATION, Tokens.customer(alice)))
                .andReturn().getResponse().getContentAsString(), "$.items[0].id");
        for (String token : new String[] {Tokens.customer(bob), null}) {
            var change = patch("/api/carts/{id}/items/{item}", cart, line).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"quantity\": 3}");
            var remove = delete("/api/carts/{id}/items/{item}", cart, line);
            if (token != null) {
                change.header(HttpHeaders.AUTHORIZATION, token);
                remove.header(HttpHeaders.AUTHORIZATION, token);
            }
            mvc.perform(change).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/cart-not-found"));
            mvc.perform(remove).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.type").value("https://shop.example/problems/cart-not-found"));
        }
        mvc.perform(get("/api/carts/{id}", cart).header(HttpHeaders.AUTHORIZATION, Tokens.customer(alice)))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].quantity").value(1));
    }

    @Test
    void mineIsOneCartPerCustomer() throws Exception {
        String token = Tokens.customer(UUID.randomUUID());
        String first = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.id");
        String again = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.id");
        String created = JsonPath.read(mvc.perform(post("/api/carts").header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.id");
        assertThat(again).isEqualTo(first);
        assertThat(created).isEqualTo(first);
        mvc.perform(get("/api/carts/mine")).andExpect(status().isUnauthorized());
    }

    @Test
    void mergeAddsQuantitiesCappedByStockAndDeletesTheAnonymousCart() throws Exception {
        String token = Tokens.customer(UUID.randomUUID());
        UUID pen = catalog.product("Pen", 200, 5);
        UUID ink = catalog.product("Ink", 700, 10);
        UUID paper = catalog.product("Paper", 300, 10);
        String mine = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andReturn().getResponse().getContentAsString(), "$.id");
        addItem(mine, token, pen, 3).andExpect(status().isCreated());
        addItem(mine, token, ink, 1).andExpect(status().isCreated());
        String anonymous = newCart(null);
        addItem(anonymous, null, pen, 4).andExpect(status().isCreated());
        addItem(anonymous, null, ink, 2).andExpect(status().isCreated());
        addItem(anonymous, null, paper, 1).andExpect(status().isCreated());

        mvc.perform(post("/api/carts/mine/merge").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"cartId\": \"" + anonymous + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cart.id").value(mine))
                .andExpect(jsonPath("$.cart.items", hasSize(3)))
                .andExpect(jsonPath("$.cart.items[?(@.productId == '" + pen + "')].quantity").value(5))
                .andExpect(jsonPath("$.cart.items[?(@.productId == '" + ink + "')].quantity").value(3))
                .andExpect(jsonPath("$.cart.items[?(@.productId == '" + paper + "')].quantity").value(1))
                .andExpect(jsonPath("$.adjustments", hasSize(1)))
                .andExpect(jsonPath("$.adjustments[0].productId").value(pen.toString()))
                .andExpect(jsonPath("$.adjustments[0].merged").value(2));

        mvc.perform(get("/api/carts/{id}", anonymous)).andExpect(status().isNotFound());
        mvc.perform(post("/api/carts/mine/merge").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"cartId\": \"" + anonymous + "\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theHighestPriceTimesTheHighestQuantityIsPricedExactly() throws Exception {
        UUID yacht = catalog.product("Yacht", Catalog.MAX_PRICE_AMOUNT, 200);
        UUID dinghy = catalog.product("Dinghy", Catalog.MAX_PRICE_AMOUNT, 200);
        String cart = newCart(null);
        addItem(cart, null, yacht, 99).andExpect(status().isCreated())
                .andExpect(jsonPath("$.items[0].lineTotal.amount").value(99 * 9_999_999_999L));
        addItem(cart, null, dinghy, 99).andExpect(status().isCreated())
                .andExpect(jsonPath("$.subtotal.amount").value(2 * 99 * 9_999_999_999L));
    }

    @Test
    void aCartHoldsAtMostOneHundredLines() throws Exception {
        String token = Tokens.customer(UUID.randomUUID());
        String mine = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andReturn().getResponse().getContentAsString(), "$.id");
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            products.add(catalog.product("Bead " + i, 10, 10));
        }
        for (int i = 0; i < 100; i++) {
            addItem(mine, token, products.get(i), 1).andExpect(status().isCreated());
        }

        addItem(mine, token, products.get(100), 1).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://shop.example/problems/cart-full"))
                .andExpect(jsonPath("$.maxLines").value(100));
        // more of a product already in the cart is still fine
        addItem(mine, token, products.get(0), 1).andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(100)));

        // a merge into a full cart adds to existing lines and reports the new ones it had to leave out
        String anonymous = newCart(null);
        addItem(anonymous, null, products.get(1), 2).andExpect(status().isCreated());
        addItem(anonymous, null, products.get(100), 3).andExpect(status().isCreated());
        mvc.perform(post("/api/carts/mine/merge").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"cartId\": \"" + anonymous + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cart.items", hasSize(100)))
                .andExpect(jsonPath("$.cart.items[?(@.productId == '" + products.get(1) + "')].quantity").value(3))
                .andExpect(jsonPath("$.adjustments", hasSize(1)))
                .andExpect(jsonPath("$.adjustments[0].productId").value(products.get(100).toString()))
                .andExpect(jsonPath("$.adjustments[0].requested").value(3))
                .andExpect(jsonPath("$.adjustments[0].merged").value(0))
                .andExpect(jsonPath("$.adjustments[0].reason").value("limited to 100 lines per cart"));
    }

    @Test
    void mergeCapsALineAt99AndReportsProductsNoLongerOnSale() throws Exception {
        String token = Tokens.customer(UUID.randomUUID());
        UUID bolt = catalog.product("Bolt", 10, 500);
        UUID withdrawn = catalog.product("Withdrawn", 10, 500);
        String mine = JsonPath.read(mvc.perform(get("/api/carts/mine").header(HttpHeaders.AUTHORIZATION, token))
                .andReturn().getResponse().getContentAsString(), "$.id");
        addItem(mine, token, bolt, 60).andExpect(status().isCreated());
        String anonymous = newCart(null);
        addItem(anonymous, null, bolt, 60).andExpect(status().isCreated());
        addItem(anonymous, null, withdrawn, 2).andExpect(status().isCreated());
        catalog.deactivate(withdrawn);

        mvc.perform(post("/api/carts/mine/merge").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"cartId\": \"" + anonymous + "\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/carts/mine/merge").header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"cartId\": \"" + anonymous + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cart.items", hasSize(1)))
                .andExpect(jsonPath("$.cart.items[0].quantity").value(99))
                .andExpect(jsonPath("$.adjustments", hasSize(2)))
                .andExpect(jsonPath("$.adjustments[?(@.productId == '" + bolt + "')].requested").value(60))
                .andExpect(jsonPath("$.adjustments[?(@.productId == '" + bolt + "')].merged").value(39))
                .andExpect(jsonPath("$.adjustments[?(@.productId == '" + bolt + "')].reason").value("limited to 99 per line"))
                .andExpect(jsonPath("$.adjustments[?(@.productId == '" + withdrawn + "')].requested").value(2))
                .andExpect(jsonPath("$.adjustments[?(@.productId == '" + withdrawn + "')].merged").value(0))
                .andExpect(jsonPath("$.adjustments[?(@.productId == '" + withdrawn + "')].reason").value("unavailable"));
        mvc.perform(get("/api/carts/{id}", anonymous)).andExpect(status().isNotFound());
    }

    @Test
    void concurrentAddsToOneCartLoseNothing() throws Exception {
        UUID sock = catalog.product("Sock", 100, 50);
        String cart = newCart(null);
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return addItem(cart, null, sock, 1).andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }
        mvc.perform(get("/api/carts/{id}", cart))
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].quantity").value(threads));
    }

    @Test
    void purgesAbandonedAnonymousCartsOnly() throws Exception {
        String old = newCart(null);
        String fresh = newCart(null);
        String owned = newCart(Tokens.customer(UUID.randomUUID()));
        committed.update("update cart_cart set updated_at = now(6) - interval 40 day where id in (unhex(replace(?, '-', '')), unhex(replace(?, '-', '')))",
                old, owned);

        assertThat(service.purgeAbandoned()).isGreaterThanOrEqualTo(1);

        mvc.perform(get("/api/carts/{id}", old)).andExpect(status().isNotFound());
        mvc.perform(get("/api/carts/{id}", fresh)).andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select count(*) from cart_cart where id = unhex(replace(?, '-', ''))", Integer.class, owned))
                .isEqualTo(1);
    }

    private String newCart(String token) throws Exception {
        var request = post("/api/carts");
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, token);
        }
        return JsonPath.read(mvc.perform(request).andExpect(status().isCreated())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    private ResultActions addItem(String cart, String token, UUID product, int quantity) throws Exception {
        var request = post("/api/carts/{id}/items", cart).contentType(MediaType.APPLICATION_JSON)
                .content("{\"productId\": \"" + product + "\", \"quantity\": " + quantity + "}");
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, token);
        }
        return mvc.perform(request);
    }
}
