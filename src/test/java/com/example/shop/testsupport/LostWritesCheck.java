package com.example.shop.testsupport;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Fails a test during which a write was lost ({@link LostWrites}): made outside any transaction on a connection
 * that does not auto-commit, and rolled back when the connection went back to the pool. Registered for every
 * Spring test in {@code META-INF/spring.factories}. A write lost on another thread (an event listener, a scheduled
 * job) fails the test that runs when its connection is returned.
 */
public class LostWritesCheck implements TestExecutionListener, Ordered {

    @Override
    public void afterTestMethod(TestContext testContext) {
        check();
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        check();
    }

    private static void check() {
        List<String> lost = LostWrites.drain();
        if (!lost.isEmpty()) {
            throw new AssertionError(lost.size() + " write(s) lost:\n" + String.join("\n", lost));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
