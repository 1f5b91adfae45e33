package com.example.shop.shared.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry honest so that nothing published is lost and nothing completed
 * piles up:
 * <ul>
 * <li>publications whose listener failed — or that a crashed instance left in progress, which the
 * registry's staleness monitor marks failed ({@code spring.modulith.events.staleness.*}) — are
 * resubmitted every {@code shop.events.resubmission-interval};</li>
 * <li>completed publications are archived (completion mode {@code archive}) and purged after
 * {@code shop.events.archive-retention}.</li>
 * </ul>
 * Safe on several instances: the registry claims each failed publication with a conditional update
 * ({@code status -> RESUBMITTED where status != RESUBMITTED}) before redelivering it, so one instance
 * wins; and listeners are idempotent anyway, since delivery is at least once.
 */
@Component
class EventPublicationMaintenance {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationMaintenance.class);

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final Duration minAge;
    private final Duration retention;

    EventPublicationMaintenance(FailedEventPublications failed, CompletedEventPublications completed,
            @Value("${shop.events.resubmission-min-age:10s}") Duration minAge,
            @Value("${shop.events.archive-retention:7d}") Duration retention) {
        this.failed = failed;
        this.completed = completed;
        this.minAge = minAge;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${shop.events.resubmission-interval:30s}", initialDelayString = "${shop.events.resubmission-interval:30s}")
    void resubmitFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(minAge).withBatchSize(100));
    }

    @Scheduled(fixedDelayString = "${shop.events.archive-purge-interval:1h}", initialDelayString = "${shop.events.archive-purge-interval:1h}")
    void purgeArchive() {
        completed.deletePublicationsOlderThan(retention);
        log.debug("Purged completed event publications older than {}", retention);
    }
}
