package com.example.shop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A local OTLP/HTTP receiver for bench/run.sh's tracing runs: accepts every export on 127.0.0.1 (any path,
 * e.g. {@code /v1/traces}), reads and drops it, answers 200, and prints how many exports and bytes it took on
 * exit, so the benchmark pays for the export as it would with a collector on the same host.
 * Usage: {@code java -cp ... com.example.shop.bench.OtlpSink <port>}.
 */
public final class OtlpSink {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        AtomicLong exports = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                bytes.addAndGet(body.transferTo(java.io.OutputStream.nullOutputStream()));
            }
            exports.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(
                "OTLP sink: " + exports.get() + " exports, " + bytes.get() + " bytes")));
        System.out.println("OTLP sink listening on 127.0.0.1:" + port);
    }

}
