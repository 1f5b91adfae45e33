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
import java.util.function.Function;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Idempotency-Key} handling, as Stripe does it: the first request with a key runs and its
 * response (status and body) is stored; a repetition with the same request gets that response again
 * without running; a repetition with a different request is refused. Concurrent repetitions wait for
 * the first to finish, for at most {@code shop.idempotency.wait-for-first}, then answer 409
 * request-in-progress. A unique index on (scope, owner, key) decides who is first, across instances
 * ({@code INSERT IGNORE}: a repetition is a normal outcome, not a database error).
 * <p>
 * What if the first request's instance dies half-way? Its work attaches what it created (the order) to
 * the key in the same transaction ({@link #attach}). A repetition that finds the key claimed for longer
 * than {@code shop.idempotency.stale-after} then either rebuilds the response from that resource, or,
 * when nothing was attached (the work never committed), takes the key over and runs the work itself.
 * {@code stale-after} must be well above the longest a live request can take (Stripe: connect 5 s +
 * read 10 s, three attempts), so a slow first request is not taken for dead; if it was all the same,
 * its work cannot attach to the lost claim and rolls back, and it answers 409 instead of a second order.
 * A request that failed with an exception leaves no record, so it can be retried with the same key.
 */
@Service
public class IdempotentRequests {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    /** A response to store or replay: HTTP status and JSON body. */
    public record Response(int status, String body) {
    }

    /** Identifies the record of a key claimed by a request: its work hands it to {@link #attach}. */
    public record Claim(UUID value) {
    }

    /** The work behind a key; {@code claim} identifies the key's record, for {@link #attach}. */
    @FunctionalInterface
    public interface Work {
        Response run(Claim claim);
    }

    private final IdempotencyRecords records;
    private final IdempotencyLedger ledger;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    private final Duration waitForFirst;
    private final Duration staleAfter;
    private final Duration retention;

    IdempotentRequests(IdempotencyRecords records, IdempotencyLedger ledger, TransactionTemplate transactions,
            @Value("${shop.idempotency.wait-for-first:10s}") Duration waitForFirst,
            @Value("${shop.idempotency.stale-after:2m}") Duration staleAfter,
            @Value("${shop.idempotency.retention:24h}") Duration retention) {
        this.records = records;
        this.ledger = ledger;
        this.transactions = transactions;
        this.waitForFirst = waitForFirst;
        this.staleAfter = staleAfter;
        this.retention = retention;
    }

    /**
     * Runs {@code work} once per (scope, owner, key), or replays what the first run answered.
     *
     * @param request a canonical form of the request (what must be equal for a legitimate repetition)
     * @param resume  rebuilds the response from the resource a dead first run attached; {@code null} when
     *                the work attaches nothing and may simply run again (it is idempotent downstream)
     */
    public Response execute(String scope, UUID owner, String key, String request, Work work,
            Function<UUID, Response> resume) {
        String hash = sha256(request);
        Instant deadline = clock.instant().plus(waitForFirst);
        while (true) {
            Optional<UUID> claimed = claim(scope, owner, key, hash);
            if (claimed.isPresent()) {
                return runAndRecord(claimed.get(), work);
            }
            Optional<IdempotencyRecord> existing = records.find(scope, owner, key);
            if (existing.isPresent()) {
                IdempotencyRecord first = existing.get();
                if (!first.requestHash().equals(hash)) {
                    throw new IdempotencyKeyReused();
                }
                if (first.isCompleted()) {
                    return new Response(first.responseStatus(), first.responseBody());
                }
                if (first.createdAt().isBefore(clock.instant().minus(staleAfter))) {
                    Optional<Response> recovered = recover(first, resume);
                    if (recovered.isPresent()) {
                        return recovered.get();
                    }
                    continue; // the dead claim was given up: claim it ourselves
                }
            }
            if (clock.instant().isAfter(deadline)) {
                throw new IdempotentRequestInProgress();
            }
            pause();
        }
    }

    /**
     * Ties what the work created to its key, inside the work's own transaction. Fails (rolling that
     * transaction back) when the claim was taken over meanwhile, so a taken-over key never has two owners:
     * the request that lost it answers 409 request-in-progress, and its repetition gets the other's result.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void attach(Claim claim, UUID resource) {
        if (ledger.attach(claim.value(), resource) != 1) {
            log.warn("Idempotency claim {} was taken over by a repetition while its request ran: nothing kept", claim.value());
            throw new IdempotentRequestInProgress("Another request with this Idempotency-Key took over "
                    + "while this one was running, and nothing of this one was kept; repeat the request to get the result.");
        }
    }

    private Optional<Response> recover(IdempotencyRecord stale, Function<UUID, Response> resume) {
        if (stale.resourceId() != null && resume != null) {
            log.warn("Completing idempotency key record {} whose first request did not finish", stale.id());
            Response response = resume.apply(stale.resourceId());
            transactions.executeWithoutResult(status ->
                    ledger.complete(stale.id(), response.status(), response.body(), clock.instant()));
            return records.findById(stale.id()).filter(IdempotencyRecord::isCompleted)
                    .map(record -> new Response(record.responseStatus(), record.responseBody()));
        }
        if (stale.resourceId() == null) {
            log.warn("Taking over idempotency key record {} whose first request never committed its work", stale.id());
            transactions.executeWithoutResult(status -> records.abandon(stale.id(), stale.createdAt()));
        }
        return Optional.empty();
    }

    /** @return the new claim's id, or empty when someone else holds this key */
    private Optional<UUID> claim(String scope, UUID owner, String key, String hash) {
        UUID id = UUID.randomUUID();
        try {
            Integer inserted = transactions.execute(status ->
                    ledger.insertUnlessTaken(id, scope, owner, key, hash, clock.instant()));
            return Integer.valueOf(1).equals(inserted) ? Optional.of(id) : Optional.empty();
        } catch (PessimisticLockingFailureException waited) {
            // the database made us wait for the one who holds it: look at theirs
            return Optional.empty();
        }
    }

    private Response runAndRecord(UUID claim, Work work) {
        Response response;
        try {
            response = work.run(new Claim(claim));
        } catch (RuntimeException | Error e) {
            forget(claim);
            throw e;
        }
        Integer completed = transactions.execute(status ->
                ledger.complete(claim, response.status(), response.body(), clock.instant()));
        if (Integer.valueOf(1).equals(completed)) {
            return response;
        }
        // a repetition took this request for dead and completed the key from what it attached: every caller
        // gets that stored answer
        return records.findById(claim).filter(IdempotencyRecord::isCompleted)
                .map(record -> new Response(record.responseStatus(), record.responseBody()))
                .orElse(response);
    }

    /** Exceptions mean the work did not happen: the key is free again for a retry. */
    private void forget(UUID claim) {
        try {
            transactions.executeWithoutResult(status -> records.deleteById(claim));
        } catch (RuntimeException e) {
            log.warn("Could not release idempotency record {}", claim, e);
        }
    }

    /**
     * The scheduled purge, on one instance at a time: batches of deletes, minutes at most even after an outage
     * left a day's keys; at least 5 minutes between two instances' runs (it runs hourly).
     */
    @Scheduled(fixedDelayString = "${shop.idempotency.purge-interval:1h}", initialDelayString = "${shop.idempotency.purge-initial-delay:10m}")
    @SchedulerLock(name = "orders.idempotency-purge", lockAtMostFor = "30m", lockAtLeastFor = "5m")
    public void scheduledPurge() {
        purgeExpired();
    }

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
            throw new IdempotentRequestInProgress();
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
