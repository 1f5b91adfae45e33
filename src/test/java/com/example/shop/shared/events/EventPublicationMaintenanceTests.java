package com.example.shop.shared.events;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.shared.events.RegistryProbe.Behaviour;
import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;
import com.example.shop.testsupport.Latches;
import com.example.shop.testsupport.LockWaits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event publication registry's upkeep, on the real {@code event_publication} table. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EventPublicationMaintenanceTests {

    /** Either side of a due date, well above the time a test step takes. */
    static final Duration MARGIN = Duration.ofSeconds(5);

    @Autowired
    EventPublicationMaintenance maintenance;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    StalenessProperties modulithStaleness;

    @Autowired
    MeterRegistry meters;

    @Value("${shop.events.resubmission-interval}")
    Duration interval;

    @Value("${shop.events.max-backoff}")
    Duration maxBackoff;

    @Value("${shop.events.give-up-after}")
    Duration giveUpAfter;

    @Value("${shop.events.resubmission-batch-size}")
    int batchSize;

    @Test
    void aRedeliveryInProgressIsNeitherMarkedFailedNorDeliveredASecondTime() {
        String name = "in-flight-" + UUID.randomUUID();
        publishFailing(name);
        // published long ago (Spring Modulith 2.0.6's monitor measured staleness from this date), due again
        committed.update("update event_publication set publication_date = publication_date - interval 10 minute, "
                + "last_resubmission_date = last_resubmission_date - interval 10 minute where serialized_event like ?",
                "%" + name + "%");
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
        publishFailing(name);
        resubmittedByAnInstanceThatDied(name);
        RegistryProbe.behave(name, Behaviour.SUCCEED);

        assertThat(maintenance.markStaleFailed()).isGreaterThanOrEqualTo(1);
        assertThat(statuses(name)).containsExactly("FAILED");
        maintenance.resubmitFailed();

        await().until(() -> statuses(name).isEmpty());
        assertThat(RegistryProbe.deliveries(name)).isEqualTo(2);
    }

    @Test
    void aFailingPublicationIsDeliveredAgainWithGrowingGaps() {
        String name = "backoff-" + UUID.randomUUID();
        publishFailing(name);

        // the registry counts the first delivery as an attempt (and as the last submission)
        assertThat(attempts(name)).containsOnly(Map.entry("FAILED:1", 1));
        assertNextDeliveryAfter(name, interval);
        assertNextDeliveryAfter(name, interval.multipliedBy(2));
        assertNextDeliveryAfter(name, interval.multipliedBy(4));
        assertNextDeliveryAfter(name, interval.multipliedBy(8));
        // far along, the gap stops growing at max-backoff
        committed.update("update event_publication set completion_attempts = 40 where serialized_event like ?", "%" + name + "%");
        assertNextDeliveryAfter(name, maxBackoff);

        assertThat(RegistryProbe.deliveries(name)).isEqualTo(6);
        assertThat(statuses(name)).containsExactly("FAILED");
        committed.update("delete from event_publication where serialized_event like ?", "%" + name + "%");
    }

    @Test
    void failedPublicationsWaitingOutTheirBackoffDoNotKeepADueOneFromItsRedelivery() {
        String waiting = "waiting-" + UUID.randomUUID();
        publishFailing(waiting);
        // more than a batch of older failures, all redelivered a moment ago, so not due for 8 minutes
        committed.update("""
                update event_publication set completion_attempts = 5, last_resubmission_date = utc_timestamp(6),
                  publication_date = publication_date - interval 2 hour where serialized_event like ?""", "%" + waiting + "%");
        Map<String, Object> row = jdbc.queryForMap("select listener_id, event_type, serialized_event from event_publication "
                + "where serialized_event like ?", "%" + waiting + "%");
        int copies = batchSize + 1;
        for (int i = 0; i < copies; i++) {
            committed.update("""
                    insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
                      last_resubmission_date, status, completion_attempts)
                    values (unhex(replace(uuid(), '-', '')), ?, ?, ?, utc_timestamp(6) - interval 2 hour,
                      utc_timestamp(6), 'FAILED', 5)""",
                    row.get("listener_id"), row.get("event_type"), row.get("serialized_event"));
        }
        String due = "due-" + UUID.randomUUID();
        publishFailing(due);
        ago(due, "last_resubmission_date", interval.plus(MARGIN));
        RegistryProbe.behave(due, Behaviour.SUCCEED); // whatever made it fail is repaired
        try {
            maintenance.resubmitFailed();

            await().until(() -> statuses(due).isEmpty());
            assertThat(RegistryProbe.deliveries(due)).isEqualTo(2);
            assertThat(attempts(waiting)).containsOnly(Map.entry("FAILED:5", copies + 1));
            assertThat(RegistryProbe.deliveries(waiting)).isEqualTo(1);
            assertThat(meters.get("shop.events.publications.failed").gauge().value()).isGreaterThanOrEqualTo(copies + 1);
        } finally {
            committed.update("delete from event_publication where serialized_event like ?", "%" + waiting + "%");
        }
    }

    @Test
    void aPublicationFailingLongerThanGiveUpAfterMovesToTheDeadLettersOnceEvenWhenTwoRunsRace(CapturedOutput output)
            throws Exception {
        String name = "given-up-" + UUID.randomUUID();
        publishFailing(name);
        // published longer ago than give-up-after (and redelivered a moment ago)
        ago(name, "publication_date", giveUpAfter.plus(MARGIN));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        // a third transaction (another instance half-way through) holds the row until both runs wait for it
        try (HeldRow held = new HeldRow(name)) {
            List<Future<?>> runs = List.of(threads.submit(maintenance::resubmitFailed),
                    threads.submit(maintenance::resubmitFailed));
            LockWaits.awaitLockWaits(jdbc, 2, "event_publication");
            held.release();
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }

            assertThat(statuses(name)).isEmpty();
            assertThat(deadLetters(name)).containsExactly("FAILED:1");
            assertThat(givenUpLines(output, name)).isEqualTo(1);
            assertThat(meters.get("shop.events.publications.given-up").gauge().value()).isGreaterThanOrEqualTo(1);

            maintenance.resubmitFailed();
            maintenance.resubmitFailed();

            assertThat(deadLetters(name)).containsExactly("FAILED:1");
            assertThat(givenUpLines(output, name)).isEqualTo(1);
            assertThat(RegistryProbe.deliveries(name)).isEqualTo(1);
        } finally {
            threads.shutdownNow();
            committed.update("delete from event_publication_dead_letter where serialized_event like ?", "%" + name + "%");
        }
    }

    @Test
    void aStalenessCheckThatMeetsALockedRowLeavesItToTheNextRunWithOneWarning(CapturedOutput output) throws Exception {
        String name = "stale-locked-" + UUID.randomUUID();
        publishFailing(name);
        resubmittedByAnInstanceThatDied(name);
        RegistryProbe.behave(name, Behaviour.SUCCEED);

        // the job itself, without its scheduler lock: ShedLock's lock statements would join the test's transaction
        // below, which the statement that lost marks rollback-only (ScheduledJobLockTests covers the lock)
        EventPublicationMaintenance unlocked = AopTestUtils.getUltimateTargetObject(maintenance);
        whileLockedByAnotherTransaction(name, unlocked::scheduledStalenessCheck);

        assertThat(statuses(name)).containsExactly("PROCESSING");
        assertThat(lockWarnings(output, "staleness check")).hasSize(1).allSatisfy(line -> assertThat(line)
                .contains("WARN").contains("CannotAcquireLockException").doesNotContain("update event_publication"));
        // the next run does it
        maintenance.scheduledStalenessCheck();
        assertThat(statuses(name)).containsExactly("FAILED");
        maintenance.resubmitFailed();
        await().until(() -> statuses(name).isEmpty());
    }

    /**
     * Runs a scheduled job while another transaction holds the named probe event's publication row, the job's
     * lock waits cut to 1 s (its own session only: the job runs in a transaction of the test's, whose connection
     * its own transactions join), so that it really waits for the row and loses; the job must return. Rolled back:
     * its statement lost.
     */
    private void whileLockedByAnotherTransaction(String name, Runnable job) throws Exception {
        try (HeldRow held = new HeldRow(name)) {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("set session innodb_lock_wait_timeout = 1");
                try {
                    job.run();
                } finally {
                    jdbc.execute("set session innodb_lock_wait_timeout = default");
                    status.setRollbackOnly();
                }
            });
            held.release();
        }
    }

    /**
     * Another transaction (another instance half-way through) holding the named probe event's publication row
     * on a thread of its own: locked once the constructor returns, until {@link #release()}; {@link #close()} lets
     * it go in any case.
     */
    private final class HeldRow implements AutoCloseable {

        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<?> holder;

        HeldRow(String name) {
            CountDownLatch locked = new CountDownLatch(1);
            holder = thread.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.queryForList("select id from event_publication where serialized_event like ? for update",
                        byte[].class, "%" + name + "%");
                locked.countDown();
                Latches.awaitOpen(release);
            }));
            try {
                Latches.awaitOpen(locked);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        /** Lets the holding transaction commit, and fails if it did not within 30 s. */
        void release() throws Exception {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdownNow();
        }
    }

    private static List<String> lockWarnings(CapturedOutput output, String job) {
        return output.getAll().lines()
                .filter(line -> line.contains("The event publications' " + job + " met a lock held by concurrent work"))
                .toList();
    }

    @Test
    void aDeadLetterMovedBackIsDeliveredAgain() {
        String name = "replayed-" + UUID.randomUUID();
        publishFailing(name);
        ago(name, "publication_date", giveUpAfter.plus(MARGIN));
        maintenance.resubmitFailed();
        assertThat(deadLetters(name)).containsExactly("FAILED:1");
        RegistryProbe.behave(name, Behaviour.SUCCEED); // the cause is fixed
        ByteBuffer bytes = ByteBuffer.wrap(jdbc.queryForObject(
                "select id from event_publication_dead_letter where serialized_event like ?", byte[].class, "%" + name + "%"));
        String id = new UUID(bytes.getLong(), bytes.getLong()).toString(); // as in the ERROR line

        // the two statements of the README, in one transaction
        transactions.executeWithoutResult(status -> {
            committed.update("""
                    insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
                      select id, listener_id, event_type, serialized_event, utc_timestamp(6), 'FAILED', 0
                        from event_publication_dead_letter where id = unhex(replace(?, '-', ''))""", id);
            committed.update("delete from event_publication_dead_letter where id = unhex(replace(?, '-', ''))", id);
        });
        assertThat(attempts(name)).containsOnly(Map.entry("FAILED:0", 1));
        // moved back without a last resubmission: its first gap counts from its (new) publication date
        ago(name, "publication_date", interval.plus(MARGIN)); // instead of waiting for it
        maintenance.resubmitFailed();

        await().until(() -> statuses(name).isEmpty());
        assertThat(RegistryProbe.deliveries(name)).isEqualTo(2);
        assertThat(deadLetters(name)).isEmpty();
    }

    /**
     * The failed publication of the named probe event is not delivered again while its last (re)submission
     * is a little less than {@code gap} ago, and is once it is a little more.
     */
    private void assertNextDeliveryAfter(String name, Duration gap) {
        Map<String, Integer> before = attempts(name);
        assertThat(before).hasSize(1);
        int deliveries = RegistryProbe.deliveries(name);
        int attempts = Integer.parseInt(before.keySet().iterator().next().substring("FAILED:".length()));

        ago(name, "last_resubmission_date", gap.minus(MARGIN));
        maintenance.resubmitFailed();
        assertThat(attempts(name)).as("%s before %s", name, gap).isEqualTo(before);

        ago(name, "last_resubmission_date", gap.plus(MARGIN));
        maintenance.resubmitFailed();
        await().until(() -> RegistryProbe.deliveries(name) == deliveries + 1
                && attempts(name).equals(Map.of("FAILED:" + (attempts + 1), 1)));
    }

    /** Resubmitted ten minutes ago by an instance that died while delivering it: PROCESSING, its first attempt. */
    private void resubmittedByAnInstanceThatDied(String name) {
        committed.update("""
                update event_publication set status = 'PROCESSING', completion_attempts = 1,
                  last_resubmission_date = utc_timestamp(6) - interval 10 minute where serialized_event like ?""",
                "%" + name + "%");
    }

    /** Publishes the named probe event with its listener failing, and waits for the publication to be FAILED. */
    private void publishFailing(String name) {
        RegistryProbe.behave(name, Behaviour.FAIL);
        publish(name);
        await().until(() -> statuses(name).equals(List.of("FAILED")));
    }

    /** Sets {@code column} of the named probe event's open publications to {@code age} ago. */
    private void ago(String name, String column, Duration age) {
        committed.update("update event_publication set " + column + " = utc_timestamp(6) - interval ? second "
                + "where serialized_event like ?", age.toSeconds(), "%" + name + "%");
    }

    /** The named probe event's dead letters, as "status:completion_attempts" (each with a given_up_at). */
    private List<String> deadLetters(String name) {
        return jdbc.queryForList("""
                select concat(status, ':', completion_attempts) from event_publication_dead_letter
                 where given_up_at is not null and event_type = ? and serialized_event like ?""",
                String.class, RegistryProbeEvent.class.getName(), "%" + name + "%");
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
