package com.example.shop.shared.web;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import com.example.shop.payments.StripeEvents;
import com.example.shop.testsupport.QuietSchedulers;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the servlet container and the framework fail on before any module sees them, sent over a real socket
 * (MockMvc would neither decode the query as Tomcat does nor enforce header limits): each is answered with a 4xx
 * problem in the shop's words, never a 500, an HTML page or a framework message. And the one rule for text: lone
 * surrogates, control characters and duplicate JSON keys are refused with nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shop.cors.allowed-origins=https://storefront.example",
        "logging.level.com.example.shop=INFO"
})
@QuietSchedulers
@DirtiesContext
class MalformedRequestsTests {

    private static final String ANY_ID = "00000000-0000-4000-8000-000000000000";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base;

    @BeforeEach
    void base() {
        base = "http://127.0.0.1:" + port;
    }

    @ParameterizedTest
    @ValueSource(strings = { "*/*", "application/*", "*/json", "not a media type" })
    void aWildcardOrUnparsableContentTypeIs415Everywhere(String contentType) throws Exception {
        for (String path : new String[] { "/api/auth/register", "/api/carts/" + ANY_ID + "/items", "/api/checkout",
                StripeEvents.WEBHOOK, "/api/admin/products" }) {
            String token = path.startsWith("/api/admin") ? Tokens.admin()
                    : path.equals("/api/checkout") ? Tokens.customer() : null;
            HttpResponse<String> answer = send("POST", path, token, Map.of("Content-Type", contentType), "{}");
            assertProblem(answer, 415, "unsupported-media-type");
            assertThat((String) JsonPath.read(answer.body(), "$.detail")).doesNotContain(contentType);
        }
    }

    @Test
    void aMediaTypeAnOperationDoesNotTakeIsTheSame415InTheShopsWords() throws Exception {
        HttpResponse<String> answer = send("POST", "/api/auth/register", null, Map.of("Content-Type", "text/plain"),
                "{}");
        assertProblem(answer, 415, "unsupported-media-type");
        assertThat(answer.body()).doesNotContain("text/plain").doesNotContain("not supported");
        assertProblem(send("POST", StripeEvents.WEBHOOK, null, Map.of("Content-Type", "text/plain"), "{}"), 415,
                "unsupported-media-type");
    }

    @ParameterizedTest
    @ValueSource(strings = { "q=%FF", "q=%ED%A0%80", "q=%00", "q=a%0Ab", "q=%7F", "category=x&q=%C3" })
    void aQueryParameterThatIsNotUtf8TextIsAnInvalidParameterNamed(String query) throws Exception {
        HttpResponse<String> answer = send("GET", "/api/products?" + query, null, Map.of(), null);
        assertProblem(answer, 400, "invalid-parameter");
        assertThat((String) JsonPath.read(answer.body(), "$.errors[0].field")).isEqualTo("q");
    }

    @ParameterizedTest
    @ValueSource(strings = { "q=a%", "q=%G1", "q%=1", "q=%%" })
    void aBrokenPercentEscapeIsA400ProblemToo(String query) throws Exception {
        // java.net.http refuses to send these: written to the socket as a client could
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/products?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(answer).contains("\"type\":\"https://shop.example/problems/invalid-parameter\"");
        }
        String name = query.substring(0, query.indexOf('='));
        assertThat(RequestSyntax.firstBadParameter(query)).isEqualTo(name.contains("%") ? "query" : name);
    }

    @Test
    void healthIsHeldToTheSameQueryRule() throws Exception {
        assertProblem(send("GET", "/actuator/health?x=%FF", null, Map.of(), null), 400, "invalid-parameter");
        assertThat(send("GET", "/actuator/health?x=%C3%A9", null, Map.of(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNumberTooLargeForItsParameterIsAnInvalidParameterWithoutJavasMessage() throws Exception {
        HttpResponse<String> answer = send("GET", "/api/products?page=2147483648", null, Map.of(), null);
        assertProblem(answer, 400, "invalid-parameter");
        assertThat((String) JsonPath.read(answer.body(), "$.errors[0].field")).isEqualTo("page");
        assertThat(answer.body()).doesNotContain("For input string");
    }

    @Test
    void aMalformedIdIsTheSameInvalidParameterOnEveryPath() throws Exception {
        String admin = Tokens.admin();
        for (String[] call : new String[][] { { "GET", "/api/orders/123" }, { "GET", "/api/admin/products/123" },
                { "DELETE", "/api/admin/categories/123" }, { "GET", "/api/admin/customers/123" },
                { "GET", "/api/carts/123" }, { "GET", "/api/customers/me/addresses/123" } }) {
            HttpResponse<String> answer = send(call[0], call[1], admin, Map.of(), null);
            assertProblem(answer, 400, "invalid-parameter");
            assertThat((String) JsonPath.read(answer.body(), "$.errors[0].field")).as(call[1]).isEqualTo("id");
            assertThat(answer.body()).doesNotContain("UUID");
        }
    }

    @Test
    void whatTomcatRefusesItselfIsAProblemToo() throws Exception {
        HttpResponse<String> header = send("GET", "/api/products", null, Map.of("X-Big", "a".repeat(20_000)), null);
        assertProblem(header, 400, "bad-request");
        assertThat(header.body()).doesNotContain("Tomcat").doesNotContain("<html");
        HttpResponse<String> path = send("GET", "/api/products/%FF", null, Map.of(), null);
        assertProblem(path, 400, "bad-request");
    }

    @Test
    void theFrameworksOwnAnswersAreInTheShopsWords() throws Exception {
        HttpResponse<String> method = send("PATCH", "/api/auth/register", Tokens.customer(), Map.of(), null);
        assertProblem(method, 405, "method-not-allowed");
        assertThat(method.body()).doesNotContain("PATCH");
        HttpResponse<String> unknown = send("GET", "/api/no-such-thing", null, Map.of(), null);
        assertThat(unknown.statusCode()).isIn(401, 404);
        assertThat(unknown.body()).doesNotContain("static resource");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\ud800", "\\udfff", "a\\u0000b", "\\u001b[31m", "a\\nb", "\\u0085", "\\u007f" })
    void aProductNameOutsideTheTextRuleIsRefusedAndNothingIsStored(String name) throws Exception {
        String sku = "TXT-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> answer = send("POST", "/api/admin/products", Tokens.admin(),
                Map.of("Content-Type", "application/json"), product(sku, name, "fine"));
        assertProblem(answer, 400, "validation");
        assertThat((String) JsonPath.read(answer.body(), "$.errors[0].field")).isEqualTo("name");
        assertThat(jdbc.queryForObject("select count(*) from catalog_product where sku = ?", Integer.class, sku))
                .isZero();
    }

    @Test
    void aDescriptionMayHoldLineBreaksButNoOtherControlCharacter() throws Exception {
        String sku = "TXT-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("POST", "/api/admin/products", Tokens.admin(), Map.of("Content-Type", "application/json"),
                product(sku, "Kettle \\ud83d\\udd25", "Line one\\nline two\\r\\nline three")).statusCode())
                .isEqualTo(201);
        String other = "TXT-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> tab = send("POST", "/api/admin/products", Tokens.admin(),
                Map.of("Content-Type", "application/json"), product(other, "Kettle", "a\\u0000b"));
        assertProblem(tab, 400, "validation");
        assertThat((String) JsonPath.read(tab.body(), "$.errors[0].field")).isEqualTo("description");
    }

    @Test
    void aKeyGivenTwiceIsRefusedAndNothingIsStored() throws Exception {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> answer = send("POST", "/api/auth/register", null,
                Map.of("Content-Type", "application/json"), """
                        {"email": "%s", "password": "correct horse", "name": "Ada", "name": "Eve"}""".formatted(email));
        assertProblem(answer, 400, "malformed-request");
        assertThat(jdbc.queryForObject("select count(*) from customers_customer where email = ?", Integer.class,
                email)).isZero();
    }

    private static String product(String sku, String name, String description) {
        return """
                {"sku": "%s", "slug": "%s", "name": "%s", "description": "%s",
                 "price": {"amount": 1000, "currency": "EUR"}, "categorySlugs": [], "active": true, "stock": 1}"""
                .formatted(sku, sku.toLowerCase(), name, description);
    }

    private HttpResponse<String> send(String method, String path, String token, Map<String, String> headers,
            String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String type) {
        assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as(answer.uri().toString())
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat((String) JsonPath.read(answer.body(), "$.type")).as(answer.body())
                .isEqualTo("https://shop.example/problems/" + type);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("java.");
    }
}
