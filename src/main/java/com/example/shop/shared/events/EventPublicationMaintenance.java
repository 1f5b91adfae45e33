package com.example.shop.shared.events;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

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
 * <li><b>Resubmission.</b> Every {@code shop.events.resubmission-interval}, up to
 * {@code shop.events.resubmission-batch-size} failed publications are delivered again. The registry
 * claims each with a conditional update ({@code status -> RESUBMITTED where status != RESUBMITTED}) and
 * counts it in {@code completion_attempts}, so on several instances one wins; listeners are idempotent
 * anyway, since delivery is at least once.</li>
 * <li><b>Giving up.</b> A publication that failed {@code shop.events.max-resubmissions} redeliveries is
 * given up on: logged at ERROR once, left {@code FAILED} in {@code event_publication} for an operator,
 * marked by {@code completion_attempts = max-resubmissions + 1} and no longer resubmitted. The registry
 * reads failed publications oldest first and limits before filtering, so the batch is widened by the
 * given-up ones: they can never crowd out newer failures. Setting {@code completion_attempts} back to 0
 * retries one. Gauges: {@code shop.events.publications.failed} (waiting for a resubmission) and
 * {@code shop.events.publications.given-up}.</li>
 * <li><b>Completed publications</b> are archived (completion mode {@code archive}) and purged after
 * {@code shop.events.archive-retention}.</li>
 * </ul>
 */
@Component
class EventPublicationMaintenance {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final JdbcTemplate jdbc;
    private final Duration staleness;
    private final int maxResubmissions;
    private final int batchSize;
    private final Duration retention;
    private final AtomicLong failedCount = new AtomicLong();
    private final AtomicLong givenUpCount = new AtomicLong();

    EventPublicationMaintenance(FailedEventPublications failed, CompletedEventPublications completed, JdbcTemplate jdbc,
            MeterRegistry meters,
            @Value("${shop.events.staleness:5m}") Duration staleness,
            @Value("${shop.events.max-resubmissions:60}") int maxResubmissions,
            @Value("${shop.events.resubmission-batch-size:100}") int batchSize,
            @Value("${shop.events.archive-retention:7d}") Duration retention) {
        this.failed = failed;
        this.completed = completed;
        this.jdbc = jdbc;
        this.staleness = staleness;
        this.maxResubmissions = maxResubmissions;
        this.batchSize = batchSize;
        this.retention = retention;
        Gauge.builder("shop.events.publications.failed", failedCount, AtomicLong::get)
                .description("Event publications whose listener failed, waiting to be delivered again")
                .register(meters);
        Gauge.builder("shop.events.publications.given-up", givenUpCount, AtomicLong::get)
                .description("Event publications given up on after shop.events.max-resubmissions failed redeliveries")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${shop.events.resubmission-interval:30s}", initialDelayString = "${shop.events.resubmission-interval:30s}")
    void resubmitFailed() {
        giveUpExhausted();
        long givenUp = countFailed(true);
        int reach = (int) Math.min(Integer.MAX_VALUE, batchSize + givenUp);
        failed.resubmit(ResubmissionOptions.defaults().withBatchSize(reach)
                .withFilter(publication -> publication.getCompletionAttempts() < maxResubmissions));
        failedCount.set(countFailed(false));
        givenUpCount.set(countFailed(true));
    }

    /** Marks publications whose instance died while delivering them {@code FAILED}; returns how many. */
    @Scheduled(fixedDelayString = "${shop.events.staleness-check-interval:1m}", initialDelayString = "${shop.events.staleness-check-interval:1m}")
    int markStaleFailed() {
        // times are stored in UTC (hibernate.jdbc.time_zone); a redelivery counts from its resubmission
        int stale = jdbc.update("""
                update event_publication set status = 'FAILED'
                 where completion_date is null
                   and status in ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
                   and coalesce(last_resubmission_date, publication_date) < utc_timestamp(6) - interval ? second""",
                staleness.toSeconds());
        if (stale > 0) {
            log.warn("Marked {} event publication(s) failed that were in progress for more than {} (their instance "
                    + "stopped?); they are delivered again", stale, staleness);
        }
        return stale;
    }

    @Scheduled(fixedDelayString = "${shop.events.archive-purge-interval:1h}", initialDelayString = "${shop.events.archive-purge-interval:1h}")
    void purgeArchive() {
        completed.deletePublicationsOlderThan(retention);
        log.debug("Purged completed event publications older than {}", retention);
    }

    private record Exhausted(byte[] id, String listener, String eventType, String event) {
    }

    /** The failed publications that used up their redeliveries: marked given up, each logged once. */
    private void giveUpExhausted() {
        List<Exhausted> exhausted = jdbc.query("""
                select id, listener_id, event_type, serialized_event from event_publication
                 where status = 'FAILED' and completion_date is null and completion_attempts = ?
                 limit 1000""",
                (rs, row) -> new Exhausted(rs.getBytes(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                maxResubmissions);
        for (Exhausted publication : exhausted) {
            int marked = jdbc.update("""
                    update event_publication set completion_attempts = completion_attempts + 1
                     where id = ? and status = 'FAILED' and completion_attempts = ?""", publication.id(), maxResubmissions);
            if (marked == 1) {
                log.error("Gave up on event publication {} after {} failed redeliveries: {} to {}, event {}. It stays "
                        + "FAILED in event_publication; set its completion_attempts to 0 to have it retried.",
                        uuid(publication.id()), maxResubmissions, publication.eventType(), publication.listener(),
                        publication.event());
            }
        }
    }

    private long countFailed(boolean givenUp) {
        Long count = jdbc.queryForObject("select count(*) from event_publication where status = 'FAILED' and "
                + "completion_date is null and completion_attempts " + (givenUp ? ">=" : "<") + " ?", Long.class,
                maxResubmissions);
        return count == null ? 0 : count;
    }

    private static UUID uuid(byte[] id) {
        ByteBuffer bytes = ByteBuffer.wrap(id);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
