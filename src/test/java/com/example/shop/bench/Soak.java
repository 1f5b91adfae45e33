package com.example.shop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.shop.payments.StripeSignatures;
import com.example.shop.testsupport.Tokens;

/**
 * The load of {@code bench/soak.sh} (not a test: it reports, the script judges): {@code users} threads, each a
 * customer going round a realistic mix for {@code minutes}: browse the catalog (every round), fill a cart with one
 * or two products, check out (with an Idempotency-Key), then pay (7 in 10), cancel (2 in 10) or walk away (1 in
 * 10, left to the payment timeout). One paid order in five is refunded in part by the administrator a few seconds
 * later.
 * <p>
 * Paying is what Stripe and the customer's browser would do: the Stripe stand-in, running in a process of its own
 * ({@code StripeStandInServer}), moves the PaymentIntent to succeeded on its control port and answers the
 * {@code payment_intent.succeeded} event; this client signs it as Stripe signs it ({@code Stripe-Signature},
 * with the webhook secret the dev run uses with a stand-in) and delivers it to the app's webhook. The control
 * call is Stripe's side and stays out of the app's figures (counted as {@code stripe-succeed}); the webhook is the
 * app's and counts ({@code webhook}).
 * <p>
 * Prints one line a minute (requests to the app, statuses, latency percentiles) and, at the end, the counts by
 * operation and status. Arguments: {@code baseUrl minutes users stripeControlUrl}.
 */
public final class Soak {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern INTENT = Pattern.compile("\"paymentIntentId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String ADDRESS = """
            "shippingAddress":{"name":"Soak Customer","line1":"Soakstrasse 1","city":"Bern","postalCode":"3011",
             "country":"CH"}""";

    private static final String WEBHOOK = "/api/payments/stripe/webhook";

    private final String base;
    private final String stripeControl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> minuteLatencies = new ConcurrentLinkedQueue<>();
    private final Map<Integer, LongAdder> minuteStatuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String[]> toRefund = new ConcurrentLinkedQueue<>();
    private final List<String> products = new ArrayList<>();

    private Soak(String base, String stripeControl) {
        this.base = base;
        this.stripeControl = stripeControl;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int minutes = Integer.parseInt(args[1]);
        int users = Integer.parseInt(args[2]);
        String stripeControl = args[3];
        new Soak(base, stripeControl).run(minutes, users);
    }

    private void run(int minutes, int users) throws Exception {
        for (int i = 0; i < 12; i++) {
            String sku = "SOAK-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> created = send("setup", "POST", "/api/admin/products", Tokens.admin(), Map.of(), """
                    {"sku": "%s", "slug": "%s", "name": "Soak product %d", "description": "Sold all day long",
                     "price": {"amount": %d, "currency": "EUR"}, "categorySlugs": [], "imageUrl": null,
                     "active": true, "stock": 1000000}""".formatted(sku, sku.toLowerCase(), i, 500 + 100 * i));
            products.add(match(ID, created.body()));
        }
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        ExecutorService pool = Executors.newFixedThreadPool(users + 1);
        AtomicInteger failures = new AtomicInteger();
        for (int u = 0; u < users; u++) {
            pool.submit(() -> {
                UUID customer = UUID.randomUUID();
                while (System.nanoTime() < end) {
                    try {
                        round(Tokens.customer(customer)); // a token lives 5 minutes: a fresh one every round
                    } catch (Exception e) {
                        count("client-error " + e.getClass().getSimpleName());
                        failures.incrementAndGet();
                    }
                }
            });
        }
        pool.submit(() -> {
            while (System.nanoTime() < end) {
                String[] due = toRefund.peek();
                if (due != null && Long.parseLong(due[1]) < System.nanoTime()) {
                    toRefund.poll();
                    try {
                        send("refund", "POST", "/api/admin/orders/" + due[0] + "/refunds", Tokens.admin(),
                                Map.of("Idempotency-Key", "soak-" + due[0]), "{\"amount\": 100, \"reason\": \"requested_by_customer\"}");
                    } catch (Exception e) {
                        count("client-error " + e.getClass().getSimpleName());
                    }
                } else {
                    pause(200);
                }
            }
        });
        System.out.println("minute requests 2xx 4xx 5xx p50_ms p95_ms p99_ms max_ms");
        for (int minute = 1; minute <= minutes; minute++) {
            long nextReport = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() < nextReport) {
                pause(250);
            }
            report(minute);
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        System.out.println("operation status count");
        new TreeMap<>(counts).forEach((key, count) -> System.out.println(key + " " + count.sum()));
    }

    private void round(String token) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        send("browse", "GET", "/api/products?size=20&sort=" + (random.nextBoolean() ? "name" : "price"), null,
                Map.of(), null);
        send("product", "GET", "/api/products/" + products.get(random.nextInt(products.size())), null, Map.of(), null);
        String cart = match(ID, send("cart", "POST", "/api/carts", null, Map.of(), null).body());
        int lines = 1 + random.nextInt(2);
        for (int i = 0; i < lines; i++) {
            send("cart-item", "POST", "/api/carts/" + cart + "/items", null, Map.of(),
                    "{\"productId\": \"" + products.get(random.nextInt(products.size())) + "\", \"quantity\": "
                            + (1 + random.nextInt(3)) + "}");
        }
        HttpResponse<String> placed = send("checkout", "POST", "/api/checkout", token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()), "{\"cartId\":\"" + cart + "\"," + ADDRESS + "}");
        if (placed.statusCode() != 201) {
            return;
        }
        String order = match(ORDER_ID, placed.body());
        Matcher intent = INTENT.matcher(placed.body());
        int choice = random.nextInt(10);
        if (choice < 7 && intent.find()) {
            if (pay(intent.group(1)) && random.nextInt(5) == 0) {
                toRefund.add(new String[] { order, Long.toString(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)) });
            }
        } else if (choice < 9) {
            send("cancel", "POST", "/api/orders/" + order + "/cancel", token, Map.of(), null);
        }
        send("order", "GET", "/api/orders/" + order, token, Map.of(), null);
    }

    /**
     * The customer pays at Stripe: the stand-in's PaymentIntent succeeds and answers the event, which is delivered
     * to the webhook signed as Stripe signs it. True when the webhook took it (200).
     */
    private boolean pay(String paymentIntentId) throws Exception {
        HttpResponse<String> event = http.send(HttpRequest.newBuilder(
                URI.create(stripeControl + "/payment-intents/" + paymentIntentId + "/succeed"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        count("stripe-succeed " + event.statusCode());
        if (event.statusCode() != 200) {
            return false;
        }
        String payload = event.body();
        String signature = StripeSignatures.header(payload, StripeSignatures.LOCAL_WEBHOOK_SECRET, Instant.now());
        return send("webhook", "POST", WEBHOOK, null, Map.of("Stripe-Signature", signature), payload)
                .statusCode() == 200;
    }

    private HttpResponse<String> send(String operation, String method, String path, String token,
            Map<String, String> headers, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", token);
        }
        headers.forEach(request::header);
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        minuteLatencies.add(System.nanoTime() - started);
        minuteStatuses.computeIfAbsent(response.statusCode() / 100, s -> new LongAdder()).increment();
        count(operation + " " + response.statusCode());
        if (response.statusCode() >= 500) {
            System.out.println("5xx " + method + " " + path + " " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private void report(int minute) {
        List<Long> taken = new ArrayList<>();
        for (Long latency; (latency = minuteLatencies.poll()) != null;) {
            taken.add(latency);
        }
        long[] sorted = taken.stream().mapToLong(Long::longValue).sorted().toArray();
        long ok = take(2), client = take(4), server = take(5);
        System.out.printf("%d %d %d %d %d %.1f %.1f %.1f %.1f%n", minute, sorted.length, ok, client, server,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100));
    }

    private long take(int statusClass) {
        LongAdder adder = minuteStatuses.get(statusClass);
        return adder == null ? 0 : adder.sumThenReset();
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(index, 0)] / 1e6;
    }

    private void count(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
