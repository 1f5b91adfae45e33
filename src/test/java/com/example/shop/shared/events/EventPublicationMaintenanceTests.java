package com.example.shop.shared.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.config.StalenessProperties;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.shared.events.RegistryProbe.Behaviour;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event publication registry's upkeep, on the real {@code event_publication} table. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EventPublicationMaintenanceTests {

    @Autowired
    EventPublicationMaintenance maintenance;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StalenessProperties modulithStaleness;

    @Autowired
    MeterRegistry meters;

    @Value("${shop.events.max-resubmissions}")
    int maxResubmissions;

    @Value("${shop.events.resubmission-batch-size}")
    int batchSize;

    @Test
    void aRedeliveryInProgressIsNeitherMarkedFailedNorDeliveredASecondTime() {
        String name = "in-flight-" + UUID.randomUUID();
        RegistryProbe.behave(name, Behaviour.FAIL);
        publish(name);
        await().until(() -> statuses(name).equals(List.of("FAILED")));
        // published long ago: Spring Modulith 2.0.6's monitor measured staleness from this date
        jdbc.update("update event_publication set publication_date = publication_date - interval 10 minute "
                + "where serialized_event like ?", "%" + name + "%");
        RegistryProbe.behave(name, Behaviour.BLOCK);
        RegistryProbe.close();
        try {
            maintenance.resubmitFailed();
            await().until(() -> RegistryProbe.deliveries(name) == 2 && statuses(name).equals(List.of("PROCESSING")));

            maintenance.markStaleFailed();
            assertThat(statuses(name)).containsExactly("PROCESSING");
            maintenance.resubmitFailed();
            assertThat(RegistryProbe.deliveries(name)).isEqualTo(2);
        } finally {
            RegistryProbe.open();
        }
        await().until(() -> statuses(name).isEmpty());
        assertThat(RegistryProbe.deliveries(name)).isEqualTo(2);
        // the registry's own monitor, which would have flipped it back to FAILED, is off
        for (EventPublication.Status status : List.of(EventPublication.Status.PUBLISHED,
                EventPublication.Status.PROCESSING, EventPublication.Status.RESUBMITTED)) {
            assertThat(modulithStaleness.getStaleness(status)).as(status.name()).isZero();
        }
    }

    @Test
    void aPublicationWhoseInstanceDiedWhileDeliveringItIsDeliveredAgain() {
        String name = "orphan-" + UUID.randomUUID();
        RegistryProbe.behave(name, Behaviour.FAIL);
        publish(name);
        await().until(() -> statuses(name).equals(List.of("FAILED")));
        // resubmitted ten minutes ago by an instance that died while delivering it
        jdbc.update("""
                update event_publication set status = 'PROCESSING', completion_attempts = 1,
                  last_resubmission_date = utc_timestamp(6) - interval 10 minute where serialized_event like ?""",
                "%" + name + "%");
        RegistryProbe.behave(name, Behaviour.SUCCEED);

        assertThat(maintenance.markStaleFailed()).isGreaterThanOrEqualTo(1);
        assertThat(statuses(name)).containsExactly("FAILED");
        maintenance.resubmitFailed();

        await().until(() -> statuses(name).isEmpty());
        assertThat(RegistryProbe.deliveries(name)).isEqualTo(2);
    }

    @Test
    void publicationsThatKeepFailingAreGivenUpOnAndDoNotCrowdOutNewerFailures(CapturedOutput output) {
        String poison = "poison-" + UUID.randomUUID();
        RegistryProbe.behave(poison, Behaviour.FAIL);
        publish(poison);
        await().until(() -> statuses(poison).equals(List.of("FAILED")));
        // it has one redelivery left; more than a batch of older ones like it have none left
        Map<String, Object> row = jdbc.queryForMap("select listener_id, event_type, serialized_event from event_publication "
                + "where serialized_event like ?", "%" + poison + "%");
        jdbc.update("""
                update event_publication set completion_attempts = ?, publication_date = publication_date - interval 1 hour
                 where serialized_event like ?""", maxResubmissions - 1, "%" + poison + "%");
        int exhausted = batchSize + 1;
        for (int i = 0; i < exhausted; i++) {
            jdbc.update("""
                    insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                      status, completion_attempts)
                    values (unhex(replace(uuid(), '-', '')), ?, ?, ?, utc_timestamp(6) - interval 2 hour, 'FAILED', ?)""",
                    row.get("listener_id"), row.get("event_type"), row.get("serialized_event"), maxResubmissions);
        }
        String healthy = "healthy-" + UUID.randomUUID();
        RegistryProbe.behave(healthy, Behaviour.FAIL);
        publish(healthy);
        await().until(() -> statuses(healthy).equals(List.of("FAILED")));
        RegistryProbe.behave(healthy, Behaviour.SUCCEED); // whatever made it fail is repaired
        try {
            maintenance.resubmitFailed();

            await().until(() -> statuses(healthy).isEmpty());
            assertThat(RegistryProbe.deliveries(healthy)).isEqualTo(2);
            await().until(() -> RegistryProbe.deliveries(poison) == 2 && attempts(poison).getOrDefault("FAILED:" + maxResubmissions, 0) == 1);
            assertThat(attempts(poison)).containsEntry("FAILED:" + (maxResubmissions + 1), exhausted);
            assertThat(givenUpLines(output, poison)).isEqualTo(exhausted);

            maintenance.resubmitFailed(); // the last one has used up its redeliveries now
            maintenance.resubmitFailed();

            assertThat(attempts(poison)).containsOnly(Map.entry("FAILED:" + (maxResubmissions + 1), exhausted + 1));
            assertThat(RegistryProbe.deliveries(poison)).isEqualTo(2);
            assertThat(givenUpLines(output, poison)).isEqualTo(exhausted + 1);
            assertThat(meters.get("shop.events.publications.given-up").gauge().value())
                    .isGreaterThanOrEqualTo(exhausted + 1);
        } finally {
            jdbc.update("delete from event_publication where serialized_event like ?", "%" + poison + "%");
        }
    }

    private void publish(String name) {
        transactions.executeWithoutResult(status -> events.publishEvent(new RegistryProbeEvent(name)));
    }

    /** Statuses of the open publications of the named probe event. */
    private List<String> statuses(String name) {
        return jdbc.queryForList("select status from event_publication where event_type = ? and serialized_event like ?",
                String.class, RegistryProbeEvent.class.getName(), "%" + name + "%");
    }

    /** The named probe event's open publications, counted by "status:completion_attempts". */
    private Map<String, Integer> attempts(String name) {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.query("select status, completion_attempts from event_publication where event_type = ? and serialized_event like ?",
                rs -> {
                    counts.merge(rs.getString(1) + ":" + rs.getInt(2), 1, Integer::sum);
                }, RegistryProbeEvent.class.getName(), "%" + name + "%");
        return counts;
    }

    private static long givenUpLines(CapturedOutput output, String name) {
        return output.getAll().lines().filter(line -> line.contains("Gave up on event publication") && line.contains(name))
                .count();
    }
}
