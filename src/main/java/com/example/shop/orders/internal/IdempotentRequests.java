package com.example.shop.orders.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Idempotency-Key} handling, as Stripe does it: the first request with a key runs and its
 * response (status and body) is stored; a repetition with the same request gets that response again
 * without running; a repetition with a different request is refused. Concurrent repetitions wait for
 * the first to finish. A unique index on (scope, owner, key) decides who is first, across instances.
 * A request that failed unexpectedly leaves no record, so it can be retried with the same key.
 */
@Service
public class IdempotentRequests {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    /** A response to store or replay: HTTP status and JSON body. */
    public record Response(int status, String body) {
    }

    private final IdempotencyRecords records;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    private final Duration waitForFirst;
    private final Duration retention;

    IdempotentRequests(IdempotencyRecords records, TransactionTemplate transactions,
            @Value("${shop.idempotency.wait-for-first:10s}") Duration waitForFirst,
            @Value("${shop.idempotency.retention:24h}") Duration retention) {
        this.records = records;
        this.transactions = transactions;
        this.waitForFirst = waitForFirst;
        this.retention = retention;
    }

    /**
     * Runs {@code work} once per (scope, owner, key), or replays what the first run answered.
     *
     * @param request a canonical form of the request (what must be equal for a legitimate repetition)
     */
    public Response execute(String scope, UUID owner, String key, String request, Supplier<Response> work) {
        String hash = sha256(request);
        Instant deadline = clock.instant().plus(waitForFirst);
        while (true) {
            Optional<IdempotencyRecord> claimed = claim(scope, owner, key, hash);
            if (claimed.isPresent()) {
                return runAndRecord(claimed.get().id(), work);
            }
            Optional<IdempotencyRecord> existing = records.find(scope, owner, key);
            if (existing.isPresent()) {
                IdempotencyRecord first = existing.get();
                if (!first.requestHash().equals(hash)) {
                    throw new OrderProblems.IdempotencyKeyReused();
                }
                if (first.isCompleted()) {
                    return new Response(first.responseStatus(), first.responseBody());
                }
            }
            if (clock.instant().isAfter(deadline)) {
                throw new OrderProblems.IdempotentRequestInProgress();
            }
            pause();
        }
    }

    private Optional<IdempotencyRecord> claim(String scope, UUID owner, String key, String hash) {
        try {
            return Optional.of(transactions.execute(status ->
                    records.saveAndFlush(new IdempotencyRecord(scope, owner, key, hash, clock.instant()))));
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException taken) {
            // someone else holds this key (or the database made us wait for them): look at theirs
            return Optional.empty();
        }
    }

    private Response runAndRecord(UUID recordId, Supplier<Response> work) {
        Response response;
        try {
            response = work.get();
        } catch (RuntimeException | Error e) {
            forget(recordId);
            throw e;
        }
        if (response.status() >= 500) {
            forget(recordId);
            return response;
        }
        transactions.executeWithoutResult(status -> records.findById(recordId)
                .ifPresent(record -> record.complete(response.status(), response.body(), clock.instant())));
        return response;
    }

    /** Client errors are answers too and are stored; exceptions mean the work did not happen and are not. */
    private void forget(UUID recordId) {
        try {
            transactions.executeWithoutResult(status -> records.deleteById(recordId));
        } catch (RuntimeException e) {
            log.warn("Could not release idempotency record {}", recordId, e);
        }
    }

    @Scheduled(fixedDelayString = "${shop.idempotency.purge-interval:1h}", initialDelayString = "${shop.idempotency.purge-initial-delay:10m}")
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = transactions.execute(status -> records.deleteCreatedBefore(cutoff));
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderProblems.IdempotentRequestInProgress();
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
