package com.example.shop.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.shop.testsupport.Tokens;

/**
 * How many open order streams ({@code GET /api/orders/{id}/events}) one instance holds, and what each costs in
 * heap: for {@code bench/streams.sh} (not a test; it reports numbers and asserts nothing).
 * <p>
 * Against a running dev run whose pid it is given: places {@code orders} orders (a minted customer token, one bench
 * product with ample stock), then opens streams (an admin token, spread over the orders) up to each of the
 * {@code steps}, keeps them all open, and after each step forces a full GC in the app ({@code jcmd GC.run}) and
 * prints the heap it then uses, the heap per stream against the step with none, and the process's resident
 * memory. Streams are opened at most 16 at a time. It stops at the first stream refused (the cap, 503) or failed.
 * <p>
 * Arguments: {@code baseUrl appPid steps(comma-separated) [orders]}.
 */
public final class StreamsBench {

    private static final Pattern ID = Pattern.compile("\"(?:id|orderId)\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final String base;
    private final long pid;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(30)).build();
    private final List<InputStream> open = new ArrayList<>();
    private static final int OPENING = 16;
    private final Semaphore inFlight = new Semaphore(OPENING);

    private StreamsBench(String base, long pid) {
        this.base = base;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        StreamsBench bench = new StreamsBench(args[0], Long.parseLong(args[1]));
        List<Integer> steps = new ArrayList<>();
        for (String step : args[2].split(",")) {
            steps.add(Integer.parseInt(step.trim()));
        }
        int orders = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        bench.run(bench.placeOrders(orders), steps);
        System.exit(0);
    }

    private void run(List<String> orders, List<Integer> steps) throws Exception {
        String admin = Tokens.admin();
        System.out.printf("%8s %14s %16s %10s%n", "streams", "heap used MB", "heap/stream KB", "RSS MB");
        long baseline = -1;
        for (int target : steps) {
            List<CompletableFuture<HttpResponse<InputStream>>> opening = new ArrayList<>();
            for (int n = open.size(); n < target; n++) {
                // at most OPENING at once, as browsers reconnecting over some seconds would: a burst of thousands
                // at once measures the connection pool's 5 s timeout instead (500s), not what a stream costs
                inFlight.acquire();
                opening.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/orders/"
                        + orders.get(n % orders.size()) + "/events"))
                        .header("Authorization", admin).header("Accept", "text/event-stream")
                        .timeout(Duration.ofSeconds(120)).GET().build(), HttpResponse.BodyHandlers.ofInputStream())
                        .whenComplete((response, failure) -> inFlight.release()));
            }
            int refused = 0;
            String why = null;
            for (CompletableFuture<HttpResponse<InputStream>> future : opening) {
                try {
                    HttpResponse<InputStream> response = future.join();
                    if (response.statusCode() == 200) {
                        open.add(response.body());
                    } else {
                        refused++;
                        why = "HTTP " + response.statusCode() + " " + new String(response.body().readAllBytes());
                        response.body().close();
                    }
                } catch (RuntimeException e) {
                    refused++;
                    why = e.toString();
                }
            }
            Thread.sleep(3000);
            long used = heapUsedAfterGc();
            if (open.isEmpty()) {
                baseline = used;
            }
            String perStream = baseline < 0 || open.isEmpty() ? "-"
                    : "%.1f".formatted((used - baseline) / 1024.0 / open.size());
            System.out.printf("%8d %14.1f %16s %10.1f%n", open.size(), used / 1024.0 / 1024, perStream,
                    rss() / 1024.0 / 1024);
            if (refused > 0) {
                System.out.println(refused + " streams refused or failed, the last: " + why);
                return;
            }
        }
    }

    private long heapUsedAfterGc() throws Exception {
        jcmd("GC.run");
        Matcher used = USED.matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    private String jcmd(String command) throws Exception {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    private List<String> placeOrders(int count) throws Exception {
        String admin = Tokens.admin();
        String slug = "bench-stream-item";
        HttpResponse<String> existing = send(HttpRequest.newBuilder(URI.create(base + "/api/products/" + slug)).GET());
        String product = existing.statusCode() == 200 ? id(existing.body())
                : id(send(HttpRequest.newBuilder(URI.create(base + "/api/admin/products"))
                        .header("Authorization", admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"sku":"BENCH-STREAM","slug":"%s","name":"Bench stream item","description":"Used by bench/streams.sh",
                                 "price":{"amount":990,"currency":"EUR"},"active":true,"stock":0}""".formatted(slug))))
                        .body());
        send(HttpRequest.newBuilder(URI.create(base + "/api/admin/products/" + product + "/stock"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"onHand\":100000000}")));
        String customer = Tokens.customer(UUID.randomUUID());
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String cart = id(send(HttpRequest.newBuilder(URI.create(base + "/api/carts"))
                    .POST(HttpRequest.BodyPublishers.noBody())).body());
            send(HttpRequest.newBuilder(URI.create(base + "/api/carts/" + cart + "/items"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":\"" + product + "\",\"quantity\":1}")));
            HttpResponse<String> checkout = send(HttpRequest.newBuilder(URI.create(base + "/api/checkout"))
                    .header("Authorization", customer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"cartId":"%s","shippingAddress":{"name":"Bench Customer","line1":"Benchstrasse 1",
                             "city":"Bern","postalCode":"3011","country":"CH"}}""".formatted(cart))));
            if (checkout.statusCode() != 201) {
                throw new IllegalStateException("checkout: " + checkout.statusCode() + " " + checkout.body());
            }
            orders.add(id(checkout.body()));
        }
        return orders;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String id(String body) {
        Matcher matcher = ID.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return matcher.group(1);
    }
}
