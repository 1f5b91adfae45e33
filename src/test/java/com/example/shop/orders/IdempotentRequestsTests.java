package com.example.shop.orders;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.orders.internal.IdempotentRequests;
import com.example.shop.orders.internal.IdempotentRequests.Response;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Idempotency-Key records on the real database, driven directly (the HTTP side is in CheckoutTests). */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class IdempotentRequestsTests {

    @Autowired
    IdempotentRequests idempotent;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aFirstRequestRunningForAMinuteIsWaitedForNotTakenOver() throws Exception {
        UUID owner = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> idempotent.execute("test", owner, key,
                "same", claim -> {
                    runs.incrementAndGet();
                    block(release);
                    return new Response(201, "{\"from\": \"first\"}");
                }, null));
        await().until(() -> runs.get() == 1);
        // the first request has been running for a minute (a slow Stripe, lock waits): it is alive
        committed.update("update orders_idempotency_key set created_at = created_at - interval 60 second where idempotency_key = ?", key);

        FutureTask<Response> repetition = new FutureTask<>(() -> idempotent.execute("test", owner, key, "same",
                claim -> {
                    runs.incrementAndGet();
                    return new Response(201, "{\"from\": \"repetition\"}");
                }, null));
        Thread repeating = new Thread(repetition, "repetition");
        repeating.start();
        // the repetition has looked at the key, found it claimed and alive, and waits for the first's response
        // (or, wrongly, took the key over and is done: the assertions below say so)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> waitingForTheFirst(repeating) || repetition.isDone());
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"from\": \"first\"}");
        assertThat(repetition.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"from\": \"first\"}");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRequestWhoseKeyARepetitionCompletedMeanwhileAnswersWhatWasStored() {
        UUID owner = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Response answered = idempotent.execute("test", owner, key, "same", claim -> {
            // a repetition took this request for dead and completed the key from the order it had attached
            committed.update("""
                    update orders_idempotency_key set response_status = 201, response_body = '{"by": "repetition"}',
                      completed_at = utc_timestamp(6) where idempotency_key = ?""", key);
            return new Response(201, "{\"by\": \"first\"}");
        }, null);

        assertThat(answered.body()).isEqualTo("{\"by\": \"repetition\"}");
        assertThat(idempotent.execute("test", owner, key, "same", claim -> new Response(500, "ran again"), null).body())
                .isEqualTo("{\"by\": \"repetition\"}");
    }

    @Test
    void aReplayedKeyIsNotADatabaseErrorInTheLog(CapturedOutput output) {
        UUID owner = UUID.randomUUID();
        String key = "replayed-" + UUID.randomUUID();
        idempotent.execute("test", owner, key, "same", claim -> new Response(201, "{}"), null);
        idempotent.execute("test", owner, key, "same", claim -> new Response(201, "{}"), null);
        idempotent.execute("test", owner, key, "same", claim -> new Response(201, "{}"), null);

        assertThat(output.getAll()).doesNotContain(key);
    }

    /**
     * The claim, the attached resource and the stored response as the take-over and the purge read them: times in
     * UTC (as Hibernate writes the entity's), the resource's id in the byte order of every other UUID column.
     */
    @Test
    void aRecordIsDatedInUtcAndHoldsTheAttachedResource() {
        UUID owner = UUID.randomUUID();
        UUID resource = UUID.randomUUID();
        String key = "dated-" + UUID.randomUUID();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        idempotent.execute("test", owner, key, "same", claim -> {
            transactions.executeWithoutResult(status -> idempotent.attach(claim, resource));
            return new Response(201, "{\"id\": 1}");
        }, null);

        var row = jdbc.queryForMap("""
                select abs(timestampdiff(second, created_at, utc_timestamp(6))) created_ago,
                  abs(timestampdiff(second, completed_at, utc_timestamp(6))) completed_ago,
                  lower(hex(resource_id)) resource, lower(hex(owner_id)) owner, response_status, response_body
                from orders_idempotency_key where idempotency_key = ?""", key);
        assertThat(((Number) row.get("created_ago")).longValue()).isLessThan(60);
        assertThat(((Number) row.get("completed_ago")).longValue()).isLessThan(60);
        assertThat(row.get("resource")).isEqualTo(resource.toString().replace("-", ""));
        assertThat(row.get("owner")).isEqualTo(owner.toString().replace("-", ""));
        assertThat(row.get("response_status")).isEqualTo(201);
        assertThat(row.get("response_body")).isEqualTo("{\"id\": 1}");
    }

    /** The thread is in the pause between two looks at a key another request holds. */
    private static boolean waitingForTheFirst(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(IdempotentRequests.class.getName()) && frame.getMethodName().equals("pause"));
    }

    private static void block(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
