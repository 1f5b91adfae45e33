package com.example.shop.shared.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.shared.persistence.BinaryUuids;

/**
 * Keeps the event publication registry honest so that nothing published is lost, nothing is delivered
 * twice at the same time, and nothing completed piles up:
 * <ul>
 * <li><b>Stale publications.</b> One left {@code PUBLISHED}, {@code PROCESSING} or {@code RESUBMITTED} for
 * {@code shop.events.staleness} since it was last (re)submitted belongs to an instance that died: it is
 * marked {@code FAILED}, every {@code shop.events.staleness-check-interval}. Spring Modulith 2.0.6's own
 * staleness monitor is off ({@code spring.modulith.events.staleness.*} zero): it measures from the
 * <em>original</em> publication date, so it would flip every redelivery of a publication older than the
 * staleness back to {@code FAILED} while it runs, and the next resubmission would deliver it a second
 * time in parallel.</li>
 * <li><b>Resubmission with backoff.</b> Every {@code shop.events.resubmission-interval}, the failed
 * publications that are due are delivered again, at most {@code shop.events.resubmission-batch-size} per
 * run. One is due when its last (re)submission, or its publication, is at least
 * {@code interval × 2^(completion_attempts - 1)} ago (the registry counts the first delivery as an attempt,
 * so the gaps are 1, 2, 4, ... intervals), capped at {@code shop.events.max-backoff}. The registry
 * claims each with a conditional update ({@code status -> RESUBMITTED where status != RESUBMITTED}) and
 * counts it in {@code completion_attempts}, so on several instances one wins; listeners are idempotent
 * anyway, since delivery is at least once. The registry reads failed publications oldest first and limits
 * <em>before</em> it filters, so the read covers every failed publication (up to {@value #MAX_READ}, with
 * a WARN beyond) and the filter picks the due ones: publications waiting out their backoff never crowd a
 * due one out.</li>
 * <li><b>Giving up.</b> A publication still failing {@code shop.events.give-up-after} after it was published
 * is moved, in one transaction and only if it is still {@code FAILED}, to
 * {@code event_publication_dead_letter} (stamped {@code given_up_at}) and logged at ERROR once. An operator
 * moves it back to have it delivered again (docs/events.md, "Replaying a dead letter"). Gauges, refreshed by
 * every resubmission run: {@code shop.events.publications.incomplete} (not completed yet, whatever their
 * state), {@code shop.events.publications.failed} (waiting for a redelivery) and
 * {@code shop.events.publications.given-up} (dead letters).</li>
 * <li><b>Completed publications</b> are archived (completion mode {@code archive}) and purged after
 * {@code shop.events.archive-retention}.</li>
 * <li><b>Lock contention.</b> A scheduled run whose statement loses a deadlock or a lock wait against concurrent
 * work (completions of the same rows, another instance) stops with one WARN line and leaves the rest to the next
 * run, instead of the scheduler's ERROR with a stack trace: nothing is lost, since every run starts from what
 * the table says.</li>
 * </ul>
 */
@Component
class EventPublicationMaintenance {

    /** The most failed publications one run reads; beyond it the newest wait for the oldest to clear. */
    static final int MAX_READ = 10_000;

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final Duration staleness;
    private final Duration interval;
    private final Duration maxBackoff;
    private final Duration giveUpAfter;
    private final int batchSize;
    private final Duration retention;
    private final AtomicLong incompleteCount = new AtomicLong();
    private final AtomicLong failedCount = new AtomicLong();
    private final AtomicLong givenUpCount = new AtomicLong();

    EventPublicationMaintenance(FailedEventPublications failed, CompletedEventPublications completed, JdbcTemplate jdbc,
            TransactionTemplate transactions, MeterRegistry meters,
            @Value("${shop.events.staleness:5m}") Duration staleness,
            @Value("${shop.events.resubmission-interval:30s}") Duration interval,
            @Value("${shop.events.max-backoff:1h}") Duration maxBackoff,
            @Value("${shop.events.give-up-after:3d}") Duration giveUpAfter,
            @Value("${shop.events.resubmission-batch-size:100}") int batchSize,
            @Value("${shop.events.archive-retention:7d}") Duration retention) {
        this.failed = failed;
        this.completed = completed;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.reads = new TransactionTemplate(Objects.requireNonNull(transactions.getTransactionManager()));
        this.reads.setReadOnly(true);
        this.staleness = staleness;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        this.giveUpAfter = giveUpAfter;
        this.batchSize = batchSize;
        this.retention = retention;
        Gauge.builder("shop.events.publications.incomplete", incompleteCount, AtomicLong::get)
                .description("Event publications not completed yet: in delivery, failed or waiting for a redelivery")
                .register(meters);
        Gauge.builder("shop.events.publications.failed", failedCount, AtomicLong::get)
                .description("Event publications whose listener failed, waiting to be delivered again")
                .register(meters);
        Gauge.builder("shop.events.publications.given-up", givenUpCount, AtomicLong::get)
                .description("Event publications given up on, in event_publication_dead_letter")
                .register(meters);
    }

    /*
     * The scheduled runs, each on one instance at a time. At most 1 minute for the resubmission and the staleness
     * check: a few queries each (the resubmitted deliveries run on the task executor, not in the run), and a lock
     * left by an instance that died must not hold up the redelivery of what it left behind for longer. No
     * minimum gap: a redelivery waits for nothing but its backoff, and two runs one after the other on two
     * instances claim each publication once anyway (conditional update).
     */

    @Scheduled(fixedDelayString = "${shop.events.resubmission-interval:30s}",
            initialDelayString = "${shop.events.resubmission-initial-delay:${shop.events.resubmission-interval:30s}}")
    @SchedulerLock(name = "events.resubmission", lockAtMostFor = "1m")
    void scheduledResubmission() {
        untilNextRunOnLockContention("resubmission", this::resubmitFailed);
    }

    @Scheduled(fixedDelayString = "${shop.events.staleness-check-interval:1m}", initialDelayString = "${shop.events.staleness-check-interval:1m}")
    @SchedulerLock(name = "events.staleness-check", lockAtMostFor = "1m")
    void scheduledStalenessCheck() {
        untilNextRunOnLockContention("staleness check", this::markStaleFailed);
    }

    @Scheduled(fixedDelayString = "${shop.events.archive-purge-interval:1h}", initialDelayString = "${shop.events.archive-purge-interval:1h}")
    @SchedulerLock(name = "events.archive-purge", lockAtMostFor = "30m", lockAtLeastFor = "5m")
    void scheduledArchivePurge() {
        untilNextRunOnLockContention("archive purge", this::purgeArchive);
    }

    /**
     * Runs a job; when one of its statements lost a deadlock or a lock wait against concurrent work (completions
     * of the same publications, another instance's run), leaves the rest to the next run with one WARN line.
     * Nothing is lost: every job works from what the table says, and each of its steps is a transaction of its
     * own, rolled back by the database when it loses. Anything else still fails the run.
     */
    private void untilNextRunOnLockContention(String job, Runnable run) {
        try {
            run.run();
        } catch (RuntimeException failure) {
            PessimisticLockingFailureException lost = lostLock(failure);
            if (lost == null) {
                throw failure;
            }
            log.warn("The event publications' {} met a lock held by concurrent work ({}: {}); the next run does "
                    + "what is left", job, lost.getClass().getSimpleName(), firstLine(lost.getMostSpecificCause()));
        }
    }

    /** The lost deadlock or lock wait in the failure's causes, as Spring translated it, or {@code null}. */
    private static PessimisticLockingFailureException lostLock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PessimisticLockingFailureException lost) {
                return lost;
            }
        }
        return null;
    }

    private static String firstLine(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    void resubmitFailed() {
        giveUpExpired();
        long failedNow = reads.execute(status -> countFailed());
        if (failedNow > MAX_READ) {
            log.warn("{} event publications are failed; this run considers only the oldest {} for a redelivery",
                    failedNow, MAX_READ);
        }
        if (failedNow > 0) {
            Instant now = Instant.now();
            AtomicInteger chosen = new AtomicInteger();
            failed.resubmit(ResubmissionOptions.defaults().withBatchSize((int) Math.min(failedNow, MAX_READ))
                    .withFilter(publication -> isDue(publication, now) && chosen.incrementAndGet() <= batchSize));
        }
        reads.executeWithoutResult(status -> {
            failedCount.set(countFailed());
            incompleteCount.set(count("select count(*) from event_publication where completion_date is null"));
            givenUpCount.set(count("select count(*) from event_publication_dead_letter"));
        });
    }

    /**
     * Marks publications whose instance died while delivering them {@code FAILED}; returns how many. A transaction
     * of its own: pooled connections do not auto-commit, so the update would be rolled back without one.
     */
    int markStaleFailed() {
        // times are stored in UTC (hibernate.jdbc.time_zone); a redelivery counts from its resubmission
        Integer stale = transactions.execute(status -> jdbc.update("""
                update event_publication set status = 'FAILED'
                 where completion_date is null
                   and status in ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
                   and coalesce(last_resubmission_date, publication_date) < utc_timestamp(6) - interval ? second""",
                staleness.toSeconds()));
        if (stale != null && stale > 0) {
            log.warn("Marked {} event publication(s) failed that were in progress for more than {} (their instance "
                    + "stopped?); they are delivered again", stale, staleness);
        }
        return stale == null ? 0 : stale;
    }

    void purgeArchive() {
        completed.deletePublicationsOlderThan(retention);
        log.debug("Purged completed event publications older than {}", retention);
    }

    /** Not yet given up on, and its backoff since the last (re)submission has passed. */
    private boolean isDue(EventPublication publication, Instant now) {
        Instant published = publication.getPublicationDate();
        Instant last = Objects.requireNonNullElse(publication.getLastResubmissionDate(), published);
        Instant due = last.plus(backoff(publication.getCompletionAttempts()));
        return published.isAfter(now.minus(giveUpAfter)) && !due.isAfter(now);
    }

    /** {@code interval × 2^(attempts - 1)}, at most {@code max-backoff}: the registry counts the first delivery. */
    private Duration backoff(int attempts) {
        Duration backoff = interval;
        for (int i = 1; i < attempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) < 0 ? backoff : maxBackoff;
    }

    private record Expired(byte[] id, String listener, String eventType, String event) {
    }

    /** Moves the failed publications older than {@code give-up-after} to the dead letters, each logged once. */
    private void giveUpExpired() {
        List<byte[]> expired = reads.execute(status -> jdbc.queryForList("""
                select id from event_publication
                 where status = 'FAILED' and completion_date is null
                   and publication_date < utc_timestamp(6) - interval ? second
                 limit 1000""", byte[].class, giveUpAfter.toSeconds()));
        for (byte[] id : Objects.requireNonNull(expired)) {
            Expired moved = transactions.execute(status -> moveToDeadLetters(id));
            if (moved != null) {
                log.error("Gave up on event publication {}, still failing {} after it was published: {} to {}, "
                        + "event {}. It is in event_publication_dead_letter; docs/events.md (\"Replaying a dead "
                        + "letter\") shows how to have it delivered again.", BinaryUuids.uuid(id), giveUpAfter,
                        moved.eventType(), moved.listener(), moved.event());
            }
        }
    }

    /** In the caller's transaction; {@code null} when no longer failed (redelivered, or moved by another run). */
    private Expired moveToDeadLetters(byte[] id) {
        List<Expired> locked = jdbc.query("""
                select id, listener_id, event_type, serialized_event from event_publication
                 where id = ? and status = 'FAILED' and completion_date is null for update""",
                (rs, row) -> new Expired(rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getString(4)), id);
        if (locked.isEmpty()) {
            return null;
        }
        jdbc.update("""
                insert into event_publication_dead_letter (id, listener_id, event_type, serialized_event, publication_date,
                  completion_date, last_resubmission_date, status, completion_attempts, given_up_at)
                select id, listener_id, event_type, serialized_event, publication_date,
                  completion_date, last_resubmission_date, status, completion_attempts, utc_timestamp(6)
                  from event_publication where id = ?""", id);
        jdbc.update("delete from event_publication where id = ?", id);
        return locked.get(0);
    }

    /** What the registry reads as failed (status {@code FAILED}, or none and incomplete). */
    private long countFailed() {
        return count("select count(*) from event_publication "
                + "where status = 'FAILED' or (status is null and completion_date is null)");
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
