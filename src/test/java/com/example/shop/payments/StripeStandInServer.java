package com.example.shop.payments;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The {@link StripeStandIn} in a process of its own, for several instances of the production jar
 * ({@code scale/two-instances.sh}): each instance's {@code STRIPE_API_BASE} points at it, so a PaymentIntent
 * made through one instance is known to all, as at Stripe. Beside it, a control port on 127.0.0.1:
 * {@code POST /payment-intents/{id}/succeed} moves the PaymentIntent to succeeded and answers the
 * {@code payment_intent.succeeded} event as Stripe would send it (unsigned: the caller signs it with the webhook
 * secret it gave the instances and delivers it where it wants, as often as it wants).
 * Usage: {@code java -cp ... com.example.shop.payments.StripeStandInServer <control port> <file for the base URL>}.
 * Test scope only.
 */
public final class StripeStandInServer {

    private static final String PREFIX = "/payment-intents/";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        StripeStandIn stripe = StripeStandIn.shared();
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        control.createContext(PREFIX, exchange -> {
            try {
                String path = exchange.getRequestURI().getPath();
                if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/succeed")) {
                    answer(exchange, 404, "{\"error\": \"POST " + PREFIX + "{id}/succeed\"}");
                    return;
                }
                String id = path.substring(PREFIX.length(), path.length() - "/succeed".length());
                answer(exchange, 200, StripeStandIn.json(stripe.event("payment_intent.succeeded", stripe.succeed(id),
                        Stripe.API_VERSION)));
            } catch (RuntimeException e) {
                answer(exchange, 409, "{\"error\": \"" + e.getMessage() + "\"}");
            }
        });
        control.setExecutor(Executors.newFixedThreadPool(4));
        control.start();
        Files.writeString(Path.of(args[1]), stripe.baseUrl());
        System.out.println("Stripe stand-in on " + stripe.baseUrl() + ", control on 127.0.0.1:" + port);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
