package com.example.shop.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import com.example.shop.payments.StripeEvents;
import com.example.shop.payments.StripeSignatures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's HTTP API over a real socket (a test with a running server), with a plain HTTP client. Every
 * answer is checked against the description the same server publishes ({@link ApiDescription}), read at the first
 * request; a server that publishes none ({@code springdoc.api-docs.enabled=false}, or the management port) has its
 * answers unchecked.
 */
public final class ShopHttp {

    public static final String ADDRESS = """
            {"name": "Ada Lovelace", "line1": "12 Analytical St", "line2": null, "city": "London",
             "postalCode": "N1 9GU", "country": "GB"}""";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration timeout;
    private volatile Optional<ApiDescription> description;

    public ShopHttp(int port) {
        this(port, Duration.ofSeconds(30));
    }

    /** A client that gives up on a response after {@code timeout} ({@link java.net.http.HttpTimeoutException}). */
    public ShopHttp(int port, Duration timeout) {
        this.base = "http://127.0.0.1:" + port;
        this.timeout = timeout;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return call("GET", path, null, Map.of(), null);
    }

    public HttpResponse<String> call(String method, String path, String token, Map<String, String> headers, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        if (ApiDescription.checks(bare, contentType)) {
            description().ifPresent(described -> described.assertMatches(method, bare, response.statusCode(),
                    contentType, response.headers().map(), response.body()));
        }
        return response;
    }

    private Optional<ApiDescription> description() throws Exception {
        Optional<ApiDescription> read = description;
        if (read == null) {
            HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(base + ApiDescription.PATH))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            read = docs.statusCode() == 200 ? Optional.of(ApiDescription.of(docs.body())) : Optional.empty();
            description = read;
        }
        return read;
    }

    /** Posts a Stripe event to the webhook, signed as Stripe signs it; answered 200. */
    public void deliver(String payload) throws Exception {
        HttpResponse<String> response = call("POST", StripeEvents.WEBHOOK, null,
                Map.of("Stripe-Signature", StripeSignatures.header(payload)), payload);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A new active product with stock, made by the admin. */
    public UUID product(String name, long price, int stock) throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = call("POST", "/api/admin/products", Tokens.admin(), Map.of(), """
                {"sku": "SKU-%s", "slug": "p-%s", "name": "%s", "description": "Test product %s",
                 "price": {"amount": %d, "currency": "EUR"}, "categorySlugs": [], "imageUrl": null,
                 "active": true, "stock": %d}
                """.formatted(unique, unique, name, unique, price, stock));
        assertThat(created.statusCode()).isEqualTo(201);
        return UUID.fromString(JsonPath.read(created.body(), "$.id"));
    }

    /** A checkout by the customer of one unit of the product, with the extra headers; answered 201. */
    public HttpResponse<String> checkout(String token, UUID product, Map<String, String> headers) throws Exception {
        String cart = JsonPath.read(call("POST", "/api/carts", null, Map.of(), null).body(), "$.id");
        assertThat(call("POST", "/api/carts/" + cart + "/items", null, Map.of(),
                "{\"productId\": \"" + product + "\", \"quantity\": 1}").statusCode()).isEqualTo(201);
        HttpResponse<String> checkout = call("POST", "/api/checkout", token, headers,
                "{\"cartId\": \"" + cart + "\", \"shippingAddress\": " + ADDRESS + "}");
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        return checkout;
    }
}
