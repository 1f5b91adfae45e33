package com.example.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint fed bad input: each answer is a 4xx {@code application/problem+json}, never a 500 and
 * never a bare error page.
 */
@IntegrationTest
class BadInputProbeTests {

    @Autowired
    MockMvc mvc;

    final String customer = Tokens.customer(UUID.randomUUID());
    final String admin = Tokens.admin();
    final List<String> failures = new ArrayList<>();

    private void probe(HttpMethod method, String path, String token, String contentType, String body) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path);
        if (token != null) {
            req.header(HttpHeaders.AUTHORIZATION, token);
        }
        if (contentType != null) {
            req.contentType(contentType);
        }
        if (body != null) {
            req.content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String ct = res.getContentType();
        boolean problem = ct != null && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(ct));
        if (res.getStatus() < 400 || res.getStatus() >= 500 || !problem) {
            failures.add(method + " " + path + " [" + contentType + "] " + body + " -> " + res.getStatus() + " " + ct
                    + " " + res.getContentAsString());
        }
    }

    private void json(HttpMethod method, String path, String token, String body) throws Exception {
        probe(method, path, token, MediaType.APPLICATION_JSON_VALUE, body);
    }

    @Test
    void everyEndpointAnswersBadInputWithAProblem() throws Exception {
        String bad = "not-a-uuid";
        String ok = UUID.randomUUID().toString();
        // catalog
        probe(HttpMethod.GET, "/api/products?page=-1", null, null, null);
        probe(HttpMethod.GET, "/api/products?page=abc", null, null, null);
        probe(HttpMethod.GET, "/api/products?size=0", null, null, null);
        probe(HttpMethod.GET, "/api/products?size=-5", null, null, null);
        probe(HttpMethod.GET, "/api/products?page=99999999999", null, null, null);
        probe(HttpMethod.GET, "/api/products?page=2147483647", null, null, null);
        probe(HttpMethod.GET, "/api/products?minPrice=abc", null, null, null);
        probe(HttpMethod.GET, "/api/products?minPrice=-1", null, null, null);
        probe(HttpMethod.GET, "/api/products?minPrice=50&maxPrice=10", null, null, null);
        probe(HttpMethod.GET, "/api/products?sort=sku", null, null, null);
        probe(HttpMethod.GET, "/api/products?sort=price,sideways", null, null, null);
        probe(HttpMethod.GET, "/api/products?sort=,", null, null, null);
        probe(HttpMethod.GET, "/api/products/" + "x".repeat(3000), null, null, null);
        json(HttpMethod.POST, "/api/admin/products", admin, "{}");
        json(HttpMethod.POST, "/api/admin/products", admin, "[]");
        json(HttpMethod.POST, "/api/admin/products", admin, null);
        probe(HttpMethod.POST, "/api/admin/products", admin, MediaType.TEXT_PLAIN_VALUE, "hello");
        json(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":{"amount":-1,"currency":"EUR"},"stock":-3}""");
        json(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":{"amount":100,"currency":"XYZ"},"stock":1}""");
        json(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":{"amount":100,"currency":"USD"},"stock":1}""");
        json(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":99999999999999999999999,"stock":1}""");
        json(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":100,"stock":99999999999}""");
        json(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":100,"stock":1,"categorySlugs":["no-such-cat"]}""");
        json(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":100,"stock":1,"categorySlugs":[null]}""");
        json(HttpMethod.PUT, "/api/admin/products/" + bad, admin, "{}");
        json(HttpMethod.PUT, "/api/admin/products/" + ok, admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":100,"active":true,"version":0}""");
        json(HttpMethod.PUT, "/api/admin/products/" + ok, admin, "{}");
        probe(HttpMethod.DELETE, "/api/admin/products/" + bad, admin, null, null);
        probe(HttpMethod.DELETE, "/api/admin/products/" + ok, admin, null, null);
        probe(HttpMethod.GET, "/api/admin/products/" + ok, admin, null, null);
        json(HttpMethod.PUT, "/api/admin/products/" + ok + "/stock", admin, "{\"onHand\": 5}");
        json(HttpMethod.PUT, "/api/admin/products/" + ok + "/stock", admin, "{\"onHand\": -5}");
        json(HttpMethod.PUT, "/api/admin/products/" + ok + "/stock", admin, "{\"onHand\": \"many\"}");
        json(HttpMethod.PUT, "/api/admin/products/" + ok + "/stock", admin, "{\"onHand\": 99999999999}");
        json(HttpMethod.PUT, "/api/admin/products/" + ok + "/stock", admin, "{}");
        json(HttpMethod.POST, "/api/admin/categories", admin, "{}");
        json(HttpMethod.POST, "/api/admin/categories", admin, "{\"slug\":\"Bad Slug!\",\"name\":\"x\"}");
        json(HttpMethod.POST, "/api/admin/categories", admin, "{\"slug\":\"c-" + ok.substring(0, 8) + "\",\"name\":\"x\",\"parentSlug\":\"no-such-parent\"}");
        json(HttpMethod.PUT, "/api/admin/categories/" + bad, admin, "{\"slug\":\"x\",\"name\":\"x\"}");
        json(HttpMethod.PUT, "/api/admin/categories/" + ok, admin, "{\"slug\":\"x\",\"name\":\"x\"}");
        probe(HttpMethod.DELETE, "/api/admin/categories/" + ok, admin, null, null);
        probe(HttpMethod.DELETE, "/api/admin/categories/" + bad, admin, null, null);
        // customers
        json(HttpMethod.POST, "/api/auth/register", null, "{}");
        json(HttpMethod.POST, "/api/auth/register", null, "{\"email\":\"nope\",\"password\":\"short\",\"name\":\"\"}");
        json(HttpMethod.POST, "/api/auth/register", null, "{\"email\":\"a" + ok.substring(0, 8) + "@example.com\",\"password\":\"" + "p".repeat(5000) + "\",\"name\":\"x\"}");
        json(HttpMethod.POST, "/api/auth/register", null, null);
        probe(HttpMethod.POST, "/api/auth/register", null, MediaType.APPLICATION_XML_VALUE, "<a/>");
        json(HttpMethod.POST, "/api/auth/login", null, "{}");
        json(HttpMethod.POST, "/api/auth/login", null, "{\"email\":null,\"password\":null}");
        json(HttpMethod.POST, "/api/auth/refresh", null, "{}");
        json(HttpMethod.POST, "/api/auth/refresh", null, "{\"refreshToken\":\"garbage\"}");
        json(HttpMethod.POST, "/api/auth/logout", customer, "{}");
        json(HttpMethod.POST, "/api/auth/password-reset", null, "{}");
        json(HttpMethod.POST, "/api/auth/password-reset/confirm", null, "{}");
        json(HttpMethod.POST, "/api/auth/password-reset/confirm", null, "{\"token\":\"garbage\",\"newPassword\":\"longenough1\"}");
        json(HttpMethod.PUT, "/api/customers/me", customer, "{}");
        probe(HttpMethod.GET, "/api/customers/me", customer, null, null); // unknown customer id in token
        json(HttpMethod.POST, "/api/customers/me/addresses", customer, "{}");
        json(HttpMethod.POST, "/api/customers/me/addresses", customer, "{\"name\":\"n\",\"line1\":\"l\",\"city\":\"c\",\"postalCode\":\"1\",\"country\":\"Germany\"}");
        probe(HttpMethod.GET, "/api/customers/me/addresses/" + bad, customer, null, null);
        json(HttpMethod.PUT, "/api/customers/me/addresses/" + ok, customer, "{\"name\":\"n\",\"line1\":\"l\",\"city\":\"c\",\"postalCode\":\"1\",\"country\":\"DE\"}");
        probe(HttpMethod.DELETE, "/api/customers/me/addresses/" + ok, customer, null, null);
        probe(HttpMethod.GET, "/api/admin/customers?size=0", admin, null, null);
        probe(HttpMethod.GET, "/api/admin/customers?sort=password,asc", admin, null, null);
        probe(HttpMethod.GET, "/api/admin/customers?sort=nonsense", admin, null, null);
        probe(HttpMethod.GET, "/api/admin/customers/" + bad, admin, null, null);
        probe(HttpMethod.GET, "/api/admin/customers/" + ok, admin, null, null);
        // cart
        probe(HttpMethod.GET, "/api/carts/" + bad, null, null, null);
        probe(HttpMethod.GET, "/api/carts/" + ok, null, null, null);
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, "{\"productId\":\"" + ok + "\",\"quantity\":1}");
        json(HttpMethod.POST, "/api/carts/" + bad + "/items", null, "{\"productId\":\"" + ok + "\",\"quantity\":1}");
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, "{\"productId\":\"" + bad + "\",\"quantity\":1}");
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, "{\"productId\":\"" + ok + "\",\"quantity\":0}");
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, "{\"productId\":\"" + ok + "\",\"quantity\":1e20}");
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, "{\"productId\":\"" + ok + "\",\"quantity\":99999999999}");
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, null);
        json(HttpMethod.PATCH, "/api/carts/" + ok + "/items/" + bad, null, "{\"quantity\":1}");
        json(HttpMethod.PATCH, "/api/carts/" + ok + "/items/" + ok, null, "{\"quantity\":-1}");
        json(HttpMethod.PATCH, "/api/carts/" + ok + "/items/" + ok, null, "{}");
        probe(HttpMethod.DELETE, "/api/carts/" + ok + "/items/" + ok, null, null, null);
        probe(HttpMethod.DELETE, "/api/carts/" + ok + "/items/" + bad, null, null, null);
        json(HttpMethod.POST, "/api/carts/mine/merge", customer, "{}");
        json(HttpMethod.POST, "/api/carts/mine/merge", customer, "{\"cartId\":\"" + bad + "\"}");
        json(HttpMethod.POST, "/api/carts/mine/merge", customer, "{\"cartId\":\"" + ok + "\"}");
        probe(HttpMethod.POST, "/api/carts", "Bearer garbage", null, null);
        // checkout and orders
        json(HttpMethod.POST, "/api/checkout", customer, "{}");
        json(HttpMethod.POST, "/api/checkout", customer, null);
        json(HttpMethod.POST, "/api/checkout", customer, "{\"cartId\":\"" + bad + "\"}");
        json(HttpMethod.POST, "/api/checkout", customer, "{\"cartId\":\"" + ok + "\",\"shippingAddress\":{\"name\":\"n\",\"line1\":\"l\",\"city\":\"c\",\"postalCode\":\"1\",\"country\":\"DE\"}}");
        probe(HttpMethod.POST, "/api/checkout", customer, MediaType.TEXT_PLAIN_VALUE, "x");
        probe(HttpMethod.GET, "/api/orders?page=-1", customer, null, null);
        probe(HttpMethod.GET, "/api/orders?size=1000", customer, null, null);
        probe(HttpMethod.GET, "/api/orders?size=abc", customer, null, null);
        probe(HttpMethod.GET, "/api/orders/" + bad, customer, null, null);
        probe(HttpMethod.GET, "/api/orders/" + ok, customer, null, null);
        probe(HttpMethod.GET, "/api/orders/" + ok + "/payment", customer, null, null);
        probe(HttpMethod.GET, "/api/orders/" + bad + "/payment", customer, null, null);
        probe(HttpMethod.POST, "/api/orders/" + ok + "/cancel", customer, null, null);
        probe(HttpMethod.POST, "/api/orders/" + bad + "/cancel", customer, null, null);
        probe(HttpMethod.GET, "/api/admin/orders?status=NOPE", admin, null, null);
        probe(HttpMethod.GET, "/api/admin/orders?status=paid", admin, null, null);
        probe(HttpMethod.GET, "/api/admin/orders?size=0", admin, null, null);
        json(HttpMethod.POST, "/api/admin/orders/" + ok + "/ship", admin, "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\"}");
        json(HttpMethod.POST, "/api/admin/orders/" + bad + "/ship", admin, "{\"carrier\":\"DHL\",\"trackingNumber\":\"1\"}");
        json(HttpMethod.POST, "/api/admin/orders/" + ok + "/ship", admin, "{}");
        json(HttpMethod.POST, "/api/admin/orders/" + ok + "/refunds", admin, "{}");
        json(HttpMethod.POST, "/api/admin/orders/" + ok + "/refunds", admin, "{\"amount\":{\"amount\":-5,\"currency\":\"EUR\"}}");
        json(HttpMethod.POST, "/api/admin/orders/" + ok + "/refunds", admin, "{\"amount\":-5}");
        json(HttpMethod.POST, "/api/admin/orders/" + ok + "/refunds", admin, "{\"amount\":{\"amount\":5,\"currency\":\"USD\"}}");
        probe(HttpMethod.POST, "/api/admin/orders/" + ok + "/refunds", admin, null, null);
        json(HttpMethod.POST, "/api/admin/orders/" + bad + "/refunds", admin, "{}");
        // payments
        json(HttpMethod.POST, "/api/payments/stripe/webhook", null, "{}");
        probe(HttpMethod.POST, "/api/payments/stripe/webhook", null, null, null);
        probe(HttpMethod.POST, "/api/admin/orders/" + ok + "/refunds", admin, MediaType.APPLICATION_JSON_VALUE, "{}");
        json(HttpMethod.POST, "/api/auth/login", null, "{\"email\":\"" + "a".repeat(3000) + "@x.io\",\"password\":\"whatever1\"}");
        json(HttpMethod.POST, "/api/auth/refresh", null, "{\"refreshToken\":\"" + "r".repeat(5000) + "\"}");
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, "{\"productId\":\"" + ok + "\",\"quantity\":\"two\"}");
        json(HttpMethod.POST, "/api/carts/" + ok + "/items", null, "{\"productId\":123,\"quantity\":1}");
        json(HttpMethod.POST, "/api/checkout", customer, "{\"cartId\":\"" + ok + "\",\"shippingAddress\":\"somewhere\"}");
        // routing
        probe(HttpMethod.PATCH, "/api/products", null, MediaType.APPLICATION_JSON_VALUE, "{}");
        probe(HttpMethod.GET, "/api/nothing-here", customer, null, null);
        MockHttpServletResponse xml = mvc.perform(request(HttpMethod.GET, "/api/products/no-such-product-here")
                .accept(MediaType.APPLICATION_XML)).andReturn().getResponse();
        if (xml.getStatus() >= 500) {
            failures.add("GET /api/products/no-such-product-here Accept xml -> " + xml.getStatus());
        }
        MockHttpServletResponse longKey = mvc.perform(request(HttpMethod.POST, "/api/checkout")
                .header(HttpHeaders.AUTHORIZATION, customer).header("Idempotency-Key", "k".repeat(300))
                .contentType(MediaType.APPLICATION_JSON).content("{\"cartId\":\"" + ok + "\",\"shippingAddress\":"
                        + "{\"name\":\"n\",\"line1\":\"l\",\"city\":\"c\",\"postalCode\":\"1\",\"country\":\"DE\"}}"))
                .andReturn().getResponse();
        if (longKey.getStatus() != 400) {
            failures.add("POST /api/checkout with a 300-character Idempotency-Key -> " + longKey.getStatus() + " "
                    + longKey.getContentAsString());
        }

        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    @Test
    void aFractionWhereWholeMinorUnitsOrPiecesAreExpectedIsRefusedBeforeAnythingHappens() throws Exception {
        String ok = UUID.randomUUID().toString();
        expectFieldProblem(HttpMethod.POST, "/api/admin/orders/" + ok + "/refunds", admin,
                "{\"amount\":{\"amount\":10.9,\"currency\":\"EUR\"}}", "amount");
        expectFieldProblem(HttpMethod.POST, "/api/admin/products", admin, """
                {"sku":"S","slug":"s","name":"n","description":"d","price":{"amount":19.99},"stock":1}""",
                "price.amount");
        expectFieldProblem(HttpMethod.POST, "/api/carts/" + ok + "/items", null,
                "{\"productId\":\"" + ok + "\",\"quantity\":1.9}", "quantity");
        expectFieldProblem(HttpMethod.PUT, "/api/admin/products/" + ok + "/stock", admin, "{\"onHand\": 2.5}", "onHand");
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    private void expectFieldProblem(HttpMethod method, String path, String token, String body, String field)
            throws Exception {
        MockHttpServletRequestBuilder req = request(method, path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (token != null) {
            req.header(HttpHeaders.AUTHORIZATION, token);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        if (res.getStatus() != 400 || !res.getContentAsString().contains("\"field\":\"" + field + "\"")) {
            failures.add(method + " " + path + " " + body + " -> " + res.getStatus() + " " + res.getContentAsString());
        }
    }
}
