package com.example.shop.payments;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stripe.Stripe;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import tools.jackson.databind.node.ObjectNode;

import com.example.shop.shared.ErrorType;
import com.example.shop.shared.security.CorsProperties;
import com.example.shop.shared.web.Problems;

/**
 * The dev run's way to "pay" without a browser, like {@code stripe trigger}: moves a PaymentIntent at the
 * {@link StripeStandIn} and sends the matching, correctly signed event to the app's own webhook.
 * <ul>
 * <li>{@code POST /dev/stripe/payment-intents/{id}/succeed}</li>
 * <li>{@code POST /dev/stripe/payment-intents/{id}/fail?message=...}</li>
 * <li>{@code POST /dev/stripe/payment-intents/{id}/late-failure}: an earlier attempt's {@code payment_failed}
 * delivered late, out of order (the PaymentIntent stays as it is).</li>
 * <li>{@code POST /dev/payments} {@code {reference, amount, currency, email}} and {@code GET /dev/payments/{reference}}:
 * start and look at a payment through the module's API, as orders will.</li>
 * </ul>
 * Test scope only (imported by {@code DevConfiguration}); {@code /dev/**} gets its own security chain that
 * permits it, since the dev run binds to 127.0.0.1. With a real {@code STRIPE_SECRET_KEY} there is no
 * stand-in: use Stripe's dashboard or {@code stripe trigger} and {@code stripe listen} instead.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StripeDevConfiguration {

    /**
     * Permits {@code /dev/**} and answers CORS for it from the storefront origins ({@code shop.cors.allowed-origins}),
     * so that the reference storefront's test-payment button can call it from its own origin.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain devStripeTrigger(HttpSecurity http, CorsProperties cors) throws Exception {
        CorsConfiguration storefront = new CorsConfiguration();
        storefront.setAllowedOrigins(cors.allowedOrigins());
        storefront.setAllowedMethods(List.of("GET", "POST"));
        storefront.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE));
        return http.securityMatcher("/dev/**")
                .csrf(AbstractHttpConfigurer::disable)
                .cors(c -> c.configurationSource(request -> storefront))
                .authorizeHttpRequests(routes -> routes.anyRequest().permitAll())
                .build();
    }

    @RestController
    @RequestMapping("/dev")
    static class DevStripeTrigger {

        record DevPayment(String reference, long amount, String currency, String email) {
        }

        private final Environment environment;
        private final String webhookSecret;
        private final Payments payments;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        DevStripeTrigger(Environment environment, @Value("${shop.stripe.webhook-secret}") String webhookSecret,
                Payments payments) {
            this.environment = environment;
            this.webhookSecret = webhookSecret;
            this.payments = payments;
        }

        /** Starts a payment the way orders will (until there are orders to pay). */
        @PostMapping("/payments")
        PaymentView start(@org.springframework.web.bind.annotation.RequestBody DevPayment payment) {
            return payments.start(new StartPayment(payment.reference(),
                    com.example.shop.shared.Money.of(payment.amount(),
                            payment.currency() == null ? "EUR" : payment.currency()),
                    payment.email()));
        }

        @org.springframework.web.bind.annotation.GetMapping("/payments/{reference}")
        ResponseEntity<PaymentView> find(@PathVariable String reference) {
            return ResponseEntity.of(payments.find(reference));
        }

        @PostMapping("/stripe/payment-intents/{id}/succeed")
        ResponseEntity<?> succeed(@PathVariable String id) throws IOException, InterruptedException {
            StripeStandIn stripe = StripeStandIn.runningOrNull();
            if (stripe == null) {
                return noStandIn();
            }
            return send(stripe, "payment_intent.succeeded", stripe.succeed(id));
        }

        @PostMapping("/stripe/payment-intents/{id}/fail")
        ResponseEntity<?> fail(@PathVariable String id,
                @RequestParam(defaultValue = "Your card was declined.") String message)
                throws IOException, InterruptedException {
            StripeStandIn stripe = StripeStandIn.runningOrNull();
            if (stripe == null) {
                return noStandIn();
            }
            return send(stripe, "payment_intent.payment_failed", stripe.fail(id, message));
        }

        /**
         * An out-of-order delivery, as Stripe may make one: a {@code payment_intent.payment_failed} from an earlier
         * attempt reaches the webhook after the success. The stand-in's PaymentIntent is left as it is.
         */
        @PostMapping("/stripe/payment-intents/{id}/late-failure")
        ResponseEntity<?> lateFailure(@PathVariable String id,
                @RequestParam(defaultValue = "Your card was declined.") String message)
                throws IOException, InterruptedException {
            StripeStandIn stripe = StripeStandIn.runningOrNull();
            if (stripe == null) {
                return noStandIn();
            }
            ObjectNode earlier = stripe.intentJson(id);
            earlier.put("status", "requires_payment_method");
            earlier.put("amount_received", 0);
            earlier.putObject("last_payment_error").put("type", "card_error").put("code", "card_declined")
                    .put("message", message);
            return send(stripe, "payment_intent.payment_failed", earlier);
        }

        private ResponseEntity<?> send(StripeStandIn stripe, String type, ObjectNode intent)
                throws IOException, InterruptedException {
            String payload = StripeStandIn.json(stripe.event(type, intent, Stripe.API_VERSION));
            String port = environment.getProperty("local.server.port", "8080");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder()
                    .uri(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Stripe-Signature", StripeSignatures.header(payload, webhookSecret, java.time.Instant.now()))
                    .POST(HttpRequest.BodyPublishers.ofString(payload))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("paymentIntentId", intent.get("id").asString());
            result.put("event", type);
            result.put("webhookStatus", response.statusCode());
            result.put("webhookResponse", response.body());
            result.put("webhookOutcome", outcomeOf(response.body()));
            return ResponseEntity.ok(result);
        }

        private static String outcomeOf(String webhookResponse) {
            try {
                var outcome = tools.jackson.databind.json.JsonMapper.builder().build().readTree(webhookResponse)
                        .get("outcome");
                return outcome == null ? null : outcome.asString();
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
        ResponseEntity<ProblemDetail> unknownIntent(IllegalArgumentException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(ErrorType.NOT_FOUND, e.getMessage()));
        }

        @org.springframework.web.bind.annotation.ExceptionHandler(IllegalStateException.class)
        ResponseEntity<ProblemDetail> wrongState(IllegalStateException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Problems.of(new ErrorType("payment-intent-state", "PaymentIntent in another state", 409),
                            e.getMessage()));
        }

        private static ResponseEntity<ProblemDetail> noStandIn() {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(
                    new ErrorType("no-stripe-stand-in", "No Stripe stand-in", 409), "No stand-in runs in this JVM: with Stripe's test mode, pay"
                            + " with a test card in the storefront or use `stripe trigger` with `stripe listen`; with a"
                            + " stand-in in its own process (STRIPE_API_BASE), use its control port"
                            + " (POST /payment-intents/{id}/succeed)."));
        }
    }
}
