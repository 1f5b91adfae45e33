package com.example.shop.shared.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.shop.ShopApplication;
import com.example.shop.payments.StripeStandIn;
import com.example.shop.testsupport.ShopHttp;
import com.example.shop.testsupport.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart loses no checkout in flight: told to stop while a checkout waits for Stripe, the instance
 * stops taking requests but answers that one in full before it closes the database pool. The application is
 * started and stopped here, as an orchestrator does.
 */
class GracefulShutdownTests {

    @Test
    void aCheckoutWaitingForStripeWhenTheInstanceIsToldToStopIsAnsweredInFull() throws Exception {
        // arguments, not default properties: they must win over application.properties as a deployment's do
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopApplication.class).run(
                "--server.address=127.0.0.1", "--server.port=0",
                "--management.server.address=127.0.0.1", "--management.server.port=0",
                "--logging.level.com.example.shop=INFO",
                "--shop.events.resubmission-initial-delay=1h", "--shop.events.staleness-check-interval=1h",
                "--shop.orders.payment-timeout-initial-delay=1h", "--shop.payments.reconciliation.initial-delay=1h",
                "--shop.cart.purge-initial-delay=1h", "--shop.idempotency.purge-initial-delay=1h");
        StripeStandIn stripe = StripeStandIn.shared();
        StubMapping slow = null;
        try {
            ShopHttp app = new ShopHttp(((WebServerApplicationContext) context).getWebServer().getPort());
            UUID product = app.product("Restarted Teapot", 1500, 3);
            int before = stripe.requests("POST", "/v1/payment_intents").size();
            slow = stripe.slowDown("POST", "/v1/payment_intents", Duration.ofSeconds(3));

            CompletableFuture<HttpResponse<String>> checkout = CompletableFuture.supplyAsync(() -> {
                try {
                    return app.checkout(Tokens.customer(), product, Map.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<Long> answeredAt = checkout.thenApply(response -> System.nanoTime());
            // the order is placed and the PaymentIntent is being created: now the instance is told to stop
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> stripe.requests("POST", "/v1/payment_intents").size() > before);
            long stopping = System.nanoTime();
            context.close();

            HttpResponse<String> answered = checkout.get(30, TimeUnit.SECONDS);
            assertThat(answeredAt.get(1, TimeUnit.SECONDS)).as("answered after the stop began").isGreaterThan(stopping);
            assertThat(answered.statusCode()).isEqualTo(201);
            assertThat((String) JsonPath.read(answered.body(), "$.payment.paymentIntentId")).startsWith("pi_");
        } finally {
            if (slow != null) {
                stripe.server().removeStub(slow);
            }
            context.close();
        }
    }
}
