package com.example.shop.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.shop.testsupport.LocalEnvironment;
import com.example.shop.testsupport.Tokens;

/**
 * Checkout load driver for {@code bench/run.sh} (not a test; it reports numbers and asserts nothing).
 * <p>
 * Against a running dev run ({@code TestShopApplication}): makes sure two bench products exist with ample
 * stock, prepares {@code customers} customer carts (two lines each) through the public API, then fires
 * one {@code POST /api/checkout} (with an Idempotency-Key, as a storefront should) per customer from
 * {@code concurrency} threads and prints orders/s and latency percentiles. Tokens are minted with the dev
 * signing key, as the tests do.
 * <p>
 * Each cart holds two distinct products drawn at random from {@code products} bench products: with 2,
 * every checkout reserves the same two stock rows (a hot product: checkouts queue on its row lock);
 * with more, they spread as in a shop with a range of best sellers.
 * <p>
 * Two mixes of what a checkout is charged: {@code plain} ships to {@value #PLAIN_COUNTRY}, where the dev run has
 * no shipping method and no tax rate, with no code (the total is the subtotal); {@code priced} ships to DE with the
 * demo method {@code standard} and its 19 % tax, and the code {@value #CODE} (10 % off, no usage limit, created
 * once): every checkout is priced, taxed and claims a use of the same code.
 * <p>
 * Arguments: {@code baseUrl customers concurrency [warmupCustomers] [products] [plain|priced]}.
 */
public final class CheckoutBench {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final String PLAIN_COUNTRY = "CH";
    static final String CODE = "BENCH10";
    private static final String PLAIN = """
            "shippingAddress":{"name":"Bench Customer","line1":"Benchstrasse 1","city":"Bern","postalCode":"3011",
             "country":"CH"}""";
    private static final String PRICED = """
            "shippingAddress":{"name":"Bench Customer","line1":"Benchstrasse 1","city":"Berlin","postalCode":"10115",
             "country":"DE"},"shippingMethod":"standard","discountCode":"BENCH10\"""";

    private final String base;
    private final HttpClient http;
    private final boolean priced;
    /** Processes whose CPU time the checkout phase is charged with ({@code -Dbench.pids=app:123,stripe:456}). */
    private final List<ProcessCpu.Watched> watched = ProcessCpu.parse(System.getProperty("bench.pids", ""));

    private CheckoutBench(String base, int concurrency, boolean priced) {
        this.base = base;
        this.priced = priced;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(Math.max(2, concurrency)))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        int productCount = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        boolean priced = args.length > 5 && args[5].equals("priced");
        CheckoutBench bench = new CheckoutBench(base, concurrency, priced);
        List<UUID> products = bench.benchProducts(Math.max(2, productCount));
        bench.preparePricing();
        if (warmup > 0) {
            bench.run("warm-up", products, warmup, concurrency, false);
        }
        bench.run((products.size() == 2 ? "checkout-hot-2-products" : "checkout-spread-" + products.size() + "-products")
                + (priced ? "-priced" : "-plain"), products, customers, concurrency, true);
        System.exit(0);
    }

    private void run(String label, List<UUID> products, int customers, int concurrency, boolean report)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long prepStart = System.nanoTime();
            List<Future<Customer>> prepared = new ArrayList<>();
            for (int i = 0; i < customers; i++) {
                prepared.add(pool.submit(() -> prepare(products)));
            }
            List<Customer> ready = new ArrayList<>();
            for (Future<Customer> f : prepared) {
                ready.add(f.get());
            }
            double prepSeconds = (System.nanoTime() - prepStart) / 1e9;

            long[] latencies = new long[customers];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger created = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            long[] cpuBefore = ProcessCpu.read(watched);
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < customers) {
                        Customer c = ready.get(i);
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/checkout"))
                                .header("Authorization", c.token())
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"cartId\":\"" + c.cartId() + "\"," + (priced ? PRICED : PLAIN) + "}")));
                        latencies[i] = System.nanoTime() - t0;
                        if (response.statusCode() == 201 && response.body().contains("\"clientSecret\"")) {
                            created.incrementAndGet();
                        } else {
                            if (failed.incrementAndGet() <= 3) {
                                System.err.println("checkout answered " + response.statusCode() + ": " + response.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] cpuAfter = ProcessCpu.read(watched);
            if (report) {
                Arrays.sort(latencies);
                System.out.printf("%s: %d customers prepared in %.1f s (cart + 2 items each)%n", label, customers, prepSeconds);
                System.out.printf("%s: concurrency %d, %d orders (201 with clientSecret), %d failed, %.2f s%n",
                        label, concurrency, created.get(), failed.get(), seconds);
                System.out.printf("RESULT %s orders_per_s=%.0f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                        label, created.get() / seconds, pct(latencies, 0.50), pct(latencies, 0.90), pct(latencies, 0.99),
                        latencies[latencies.length - 1] / 1e6);
                if (!watched.isEmpty()) {
                    System.out.printf("RESULT %s cpu_ms_per_order %s%n", label,
                            ProcessCpu.perUnit(watched, cpuBefore, cpuAfter, Math.max(1, created.get())));
                }
            } else {
                System.out.printf("%s: %d checkouts, %d failed, %.2f s%n", label, created.get(), failed.get(), seconds);
            }
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " checkouts failed");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    record Customer(String token, String cartId) {
    }

    private Customer prepare(List<UUID> products) {
        String token = "Bearer " + Tokens.mint(LocalEnvironment.DEV_JWT_SECRET, UUID.randomUUID().toString(),
                List.of("CUSTOMER"), Duration.ofMinutes(60));
        HttpResponse<String> cart = expect(200, send(HttpRequest.newBuilder(URI.create(base + "/api/carts/mine"))
                .header("Authorization", token).GET()));
        String cartId = firstId(cart.body());
        int first = java.util.concurrent.ThreadLocalRandom.current().nextInt(products.size());
        int second = (first + 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(products.size() - 1)) % products.size();
        int[] picks = { first, second };
        for (int line = 0; line < 2; line++) {
            expect(201, send(HttpRequest.newBuilder(URI.create(base + "/api/carts/" + cartId + "/items"))
                    .header("Authorization", token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"productId\":\"" + products.get(picks[line]) + "\",\"quantity\":" + (line + 1) + "}"))));
        }
        return new Customer(token, cartId);
    }

    /**
     * The priced mix needs the code (created once, kept in the dev database, no usage limit) and the demo method;
     * the plain mix needs a country without methods, where checkout charges no shipping and no tax.
     */
    private void preparePricing() {
        if (priced) {
            HttpResponse<String> code = send(HttpRequest.newBuilder(URI.create(base + "/api/admin/discount-codes"))
                    .header("Authorization", Tokens.admin())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"code\":\"" + CODE + "\",\"type\":\"PERCENTAGE\",\"value\":10,\"active\":true}")));
            if (code.statusCode() != 201 && code.statusCode() != 409) {
                throw new IllegalStateException("could not create the code " + CODE + ": " + code.statusCode() + " " + code.body());
            }
        }
        String country = priced ? "DE" : PLAIN_COUNTRY;
        String methods = expect(200, send(HttpRequest.newBuilder(
                URI.create(base + "/api/shipping-methods?country=" + country)).GET())).body();
        if (priced != methods.contains("\"standard\"")) {
            throw new IllegalStateException("the " + (priced ? "priced" : "plain") + " mix needs "
                    + (priced ? "the demo method 'standard' for DE" : "no shipping method for " + country) + "; found " + methods);
        }
    }

    /** Active bench products (created once, kept in the dev database), restocked on every run. */
    private List<UUID> benchProducts(int count) {
        String admin = Tokens.admin();
        List<UUID> ids = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            String slug = "bench-item-" + n;
            HttpResponse<String> existing = send(HttpRequest.newBuilder(URI.create(base + "/api/products/" + slug)).GET());
            String id;
            if (existing.statusCode() == 200) {
                id = firstId(existing.body());
            } else {
                HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/admin/products"))
                        .header("Authorization", admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"sku":"BENCH-%d","slug":"%s","name":"Bench item %d","description":"Used by bench/run.sh",
                                 "price":{"amount":%d,"currency":"EUR"},"active":true,"stock":0}""".formatted(n, slug, n, 990 + n))));
                if (created.statusCode() != 201 && created.statusCode() != 200) {
                    throw new IllegalStateException("could not create " + slug + ": " + created.statusCode() + " " + created.body());
                }
                id = firstId(created.body());
            }
            expect(200, send(HttpRequest.newBuilder(URI.create(base + "/api/admin/products/" + id + "/stock"))
                    .header("Authorization", admin)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\":100000000}"))));
            ids.add(UUID.fromString(id));
        }
        return ids;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String firstId(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }
}
