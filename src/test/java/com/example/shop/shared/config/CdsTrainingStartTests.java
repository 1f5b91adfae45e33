package com.example.shop.shared.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.support.AbstractApplicationContext;

import com.example.shop.ShopApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The image build's training start (Dockerfile, stage {@code training}) gets through the whole context refresh without
 * a database, and without trying to reach one: its arguments, read from the Dockerfile, are run here in-process, with
 * the datasource pointing at a port that takes every connection and closes it at once, counting them. The JVM of the
 * real training start halts where {@code -Dspring.context.exit=onRefresh} makes it (the lifecycle processor's
 * {@code onRefresh}, after every singleton is made and before anything starts); here a lifecycle processor that throws
 * there stands in for the halt and reads the count. Liquibase, Hibernate reading JDBC metadata or validating the
 * schema, a query at start-up: each would connect before the halt (most would fail the start as well).
 */
class CdsTrainingStartTests {

    @Test
    void theTrainingStartRefreshesTheWholeContextWithoutConnectingToTheDatabase() throws Exception {
        TrainingStart training = TrainingStart.fromDockerfile();
        try (ServerSocket database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!database.isClosed()) {
                    try (Socket connection = database.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "database-port");
            acceptor.setDaemon(true);
            acceptor.start();

            List<String> arguments = new ArrayList<>();
            for (String argument : training.arguments()) {
                arguments.add(argument.startsWith("--spring.datasource.url=")
                        ? "--spring.datasource.url=jdbc:mysql://127.0.0.1:" + database.getLocalPort() + "/training"
                        : argument);
            }
            assertThat(arguments).hasSameSizeAs(training.arguments())
                    .doesNotContain("--spring.datasource.url=" + training.argument("spring.datasource.url"));
            // a pool waiting for a connection gives up after 1 s instead of 5 s
            arguments.add("--spring.datasource.hikari.connection-timeout=1000");

            HaltOnRefresh halt = new HaltOnRefresh(connections::get);
            SpringApplication application = new SpringApplication(ShopApplication.class);
            application.addInitializers(context -> context.getBeanFactory()
                    .registerSingleton(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME, halt));

            // closing the context after the stand-in halt touches the database (the event registry's shutdown), which
            // the halted JVM never does: the failed connection logged then is expected, and not counted
            assertThatThrownBy(() -> application.run(arguments.toArray(String[]::new)))
                    .isExactlyInstanceOf(TrainingStartHalted.class);
            assertThat(halt.connectionsBeforeHalt).as("connections to the database before the halt").isZero();
        }
    }

    /** Where the training start's JVM halts: the context is refreshed, nothing is started. */
    static final class HaltOnRefresh implements LifecycleProcessor {

        private final IntSupplier connections;

        volatile int connectionsBeforeHalt = -1;

        HaltOnRefresh(IntSupplier connections) {
            this.connections = connections;
        }

        @Override
        public void onRefresh() {
            connectionsBeforeHalt = connections.getAsInt();
            throw new TrainingStartHalted();
        }

        @Override
        public void onClose() {
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return false;
        }
    }

    static final class TrainingStartHalted extends RuntimeException {

        TrainingStartHalted() {
            super("The context is refreshed: the training start's JVM halts here (-Dspring.context.exit=onRefresh)");
        }
    }
}
