package com.example.shop.shared.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Tokens;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every module's exceptions become the same RFC 9457 answers, to the letter: the whole body is compared, so
 * a property, a field error or a Retry-After that goes missing (or appears) fails here.
 */
@IntegrationTest
@Import({ WebFoundationTests.Probe.class, ExceptionProbe.class })
class ExceptionTranslatorTests {

    static final String ID = ExceptionProbe.ID.toString();
    static final String OTHER = ExceptionProbe.OTHER.toString();

    @Autowired
    MockMvc mvc;

    final String token = Tokens.customer();

    @Test
    void aThrottledLoginSaysWhenToTryAgainInTheHeaderAndTheBody() throws Exception {
        answer("login-throttled", 429, """
                {"type": "https://shop.example/problems/too-many-login-attempts", "title": "Too many login attempts",
                 "status": 429, "detail": "Too many failed login attempts. Try again later.",
                 "retryAfterSeconds": 42}""")
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "42"));
        answer("too-many-requests", 429, """
                {"type": "https://shop.example/problems/too-many-requests", "title": "Too many requests",
                 "status": 429, "detail": "Too many requests from this address. Try again later.",
                 "retryAfterSeconds": 120}""")
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "120"));
    }

    @Test
    void anUnavailablePaymentProviderIsA503ToRetryIn30SecondsWhateverTheCause() throws Exception {
        String unavailable = """
                {"type": "https://shop.example/problems/payment-provider-unavailable",
                 "title": "Payment provider unavailable", "status": 503,
                 "detail": "The payment provider is not available right now; try again later."}""";
        answer("payment-provider-unavailable", 503, unavailable)
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "30"));
        answer("payment-provider-misconfigured", 503, unavailable)
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "30"));
    }

    @Test
    void aWebhookToDeliverAgainIsA503AndABadSignatureA400() throws Exception {
        answer("webhook-retry-later", 503, """
                {"type": "https://shop.example/problems/webhook-retry-later", "title": "Try again later",
                 "status": 503, "detail": "Event evt_1 overtook the state it depends on."}""")
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "30"));
        answer("invalid-webhook", 400, """
                {"type": "https://shop.example/problems/invalid-webhook-signature", "title": "Invalid webhook signature",
                 "status": 400, "detail": "The Stripe-Signature header is missing."}""")
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void aRejectedPaymentCarriesStripesCodeWhenThereIsOne() throws Exception {
        answer("payment-rejected", 422, """
                {"type": "https://shop.example/problems/payment-rejected", "title": "Payment rejected", "status": 422,
                 "detail": "The card was declined: insufficient funds", "code": "card_declined"}""")
                .andExpect(header().doesNotExist(HttpHeaders.RETRY_AFTER));
        answer("payment-rejected-without-code", 422, """
                {"type": "https://shop.example/problems/payment-rejected", "title": "Payment rejected", "status": 422,
                 "detail": "Stripe refused the request: nope"}""");
    }

    @Test
    void refundsAndUnknownPayments() throws Exception {
        answer("refund-not-possible", 409, """
                {"type": "https://shop.example/problems/refund-not-possible", "title": "Refund not possible",
                 "status": 409, "detail": "At most 5 EUR of payment x can be refunded."}""");
        answer("payment-not-found", 404, """
                {"type": "https://shop.example/problems/not-found", "title": "Not found", "status": 404,
                 "detail": "No payment for reference %s"}""".formatted(ID));
    }

    @Test
    void anUploadOverSpringsMultipartLimitIsA413NamingTheFile() throws Exception {
        answer("upload-too-large", 413, """
                {"type": "https://shop.example/problems/payload-too-large", "title": "Request body too large", "status": 413,
                 "detail": "The request body exceeds the limit of 5242880 bytes.",
                 "errors": [{"field": "file", "message": "the file may have at most 5242880 bytes"}]}""");
    }

    @Test
    void theCartsStockShortageNamesTheProductAndTheNumbers() throws Exception {
        answer("not-enough-stock", 409, """
                {"type": "https://shop.example/problems/insufficient-stock", "title": "Not enough stock", "status": 409,
                 "detail": "Only 2 unit(s) of product %s (variant %s) available, 5 requested",
                 "productId": "%s", "variantId": "%s", "requested": 5, "available": 2}""".formatted(ID, ID, ID, ID));
    }

    @Test
    void aFullCartSaysHowManyLinesItHolds() throws Exception {
        answer("cart-full", 409, """
                {"type": "https://shop.example/problems/cart-full", "title": "Cart is full", "status": 409,
                 "detail": "A cart holds at most 100 different products; remove a line first", "maxLines": 100}""");
    }

    @Test
    void aQuantityOutOfRangeNamesTheField() throws Exception {
        String detail = "Quantity per line must be between 1 and 99, was 120";
        answer("quantity-out-of-range", 400, """
                {"type": "https://shop.example/problems/invalid-quantity", "title": "Invalid quantity", "status": 400,
                 "detail": "%s", "errors": [{"field": "quantity", "message": "%s"}]}""".formatted(detail, detail));
    }

    @Test
    void anUnknownCartIsACartNotFound() throws Exception {
        answer("cart-not-found", 404, """
                {"type": "https://shop.example/problems/cart-not-found", "title": "Cart not found", "status": 404,
                 "detail": "Cart %s not found"}""".formatted(ID));
    }

    @Test
    void aBrokenCatalogRuleIsAValidationProblemNamingTheField() throws Exception {
        answer("invalid-field", 400, """
                {"type": "https://shop.example/problems/validation", "title": "Invalid request", "status": 400,
                 "detail": "name must not be blank",
                 "errors": [{"field": "name", "message": "name must not be blank"}]}""");
        answer("wrong-currency", 400, """
                {"type": "https://shop.example/problems/wrong-currency", "title": "Wrong currency", "status": 400,
                 "detail": "Prices are in the shop's currency, EUR; got USD.",
                 "errors": [{"field": "price.currency", "message": "Prices are in the shop's currency, EUR; got USD."}]}""");
    }

    @Test
    void aCheckoutShortOfStockListsEveryProduct() throws Exception {
        answer("insufficient-stock", 409, """
                {"type": "https://shop.example/problems/insufficient-stock", "title": "Not enough stock", "status": 409,
                 "detail": "Some products do not have the requested quantity available; nothing was ordered.",
                 "products": [{"productId": "%s", "variantId": "%s", "requested": 3, "available": 1},
                              {"productId": "%s", "variantId": "%s", "requested": 2, "available": 0}]}""".formatted(ID, ID, OTHER, OTHER));
    }

    @Test
    void checkoutProblems() throws Exception {
        answer("product-unavailable", 409, """
                {"type": "https://shop.example/problems/product-unavailable", "title": "Products no longer on sale",
                 "status": 409, "detail": "Some products in the cart are no longer on sale",
                 "productIds": ["%s", "%s"]}""".formatted(ID, OTHER));
        answer("empty-cart", 400, """
                {"type": "https://shop.example/problems/empty-cart", "title": "Empty cart", "status": 400,
                 "detail": "There is nothing in the cart to order."}""");
        answer("illegal-order-transition", 409, """
                {"type": "https://shop.example/problems/illegal-order-transition",
                 "title": "Not possible in this order status", "status": 409,
                 "detail": "Order %s is PENDING_PAYMENT and cannot become SHIPPED"}""".formatted(ID));
        answer("idempotency-key-reused", 422, """
                {"type": "https://shop.example/problems/idempotency-key-reused", "title": "Idempotency-Key reused",
                 "status": 422, "detail": "This Idempotency-Key was already used with a different request"}""");
    }

    @Test
    void aClientThatAcceptsOnlyJsonStillGetsAProblem() throws Exception {
        for (String path : new String[] { "cart-full", "login-throttled", "payment-rejected" }) {
            mvc.perform(get("/api/test-probe/throws/" + path).header(HttpHeaders.AUTHORIZATION, token)
                            .accept(MediaType.APPLICATION_JSON))
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    /** The whole body, strictly: no property more or less than the expected ones (instance is the path). */
    private ResultActions answer(String path, int status, String expected) throws Exception {
        String uri = "/api/test-probe/throws/" + path;
        String body = expected.strip();
        String withInstance = body.substring(0, body.length() - 1) + ", \"instance\": \"" + uri + "\"}";
        return mvc.perform(get(uri).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().json(withInstance, JsonCompareMode.STRICT));
    }
}
