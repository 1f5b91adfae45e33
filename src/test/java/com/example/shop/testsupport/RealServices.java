package com.example.shop.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Redis and RabbitMQ, for the tests of the paths that use them. On a machine with only a JDK the
 * README's test command still passes: those tests are skipped, and say why. CI sets
 * {@value #REQUIRED} (.ci/run starts both services first), and there a service that does not answer fails the
 * test instead of skipping it, so the shared paths can never go untested unnoticed.
 */
public final class RealServices {

    /** Environment variable: when {@code true}, a missing service fails the test instead of skipping it. */
    public static final String REQUIRED = "SHOP_TEST_SERVICES_REQUIRED";
    public static final String REDIS_HOST = env("SHOP_TEST_REDIS_HOST", "127.0.0.1");
    public static final int REDIS_PORT = Integer.parseInt(env("SHOP_TEST_REDIS_PORT", "6379"));
    public static final String BROKER_HOST = env("SHOP_TEST_RABBITMQ_HOST", "127.0.0.1");
    public static final int BROKER_PORT = Integer.parseInt(env("SHOP_TEST_RABBITMQ_PORT", "5672"));

    private RealServices() {
    }

    /** Skips the calling test (or fails it, in CI) unless Redis answers. */
    public static void assumeRedis() {
        assume("Redis", REDIS_HOST, REDIS_PORT);
    }

    /** Skips the calling test (or fails it, in CI) unless RabbitMQ answers. */
    public static void assumeBroker() {
        assume("RabbitMQ", BROKER_HOST, BROKER_PORT);
    }

    private static void assume(String service, String host, int port) {
        boolean up = answers(host, port);
        String message = service + " at " + host + ":" + port + " does not answer";
        if (!up && Boolean.parseBoolean(System.getenv(REQUIRED))) {
            throw new AssertionError(message + ", and " + REQUIRED + " is set");
        }
        Assumptions.assumeTrue(up, message + ": skipped");
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
