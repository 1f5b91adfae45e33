package com.example.shop.payments;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import liquibase.Scope;
import liquibase.changelog.FastCheckService;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

import com.example.shop.testsupport.CommittedSql;
import com.example.shop.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A database written before cancel was spelled "cancelled" throughout: its payments stored as
 * {@code CANCELED} and its publications of the event then named {@code PaymentCanceled} (as event type and
 * inside the listener ids), still to be delivered or given up on. Migrating it (changeset
 * {@code payments-0003}, run by Liquibase as at start-up) makes the payments readable again and has those
 * publications delivered to the listeners of {@link PaymentCancelled}: this module's recorder and orders'.
 */
@IntegrationTest
class CancelledSpellingMigrationTests {

    static final String OLD_EVENT_TYPE = "com.example.shop.payments.PaymentCanceled";
    static final String NEW_EVENT_TYPE = PaymentCancelled.class.getName();
    static final String CHANGESET = "payments-0003";

    @Autowired
    Payments payments;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommittedSql committed;

    @Autowired
    SpringLiquibase liquibase;

    @Autowired
    FailedEventPublications failed;

    @Autowired
    PaymentEventsRecorder recorder;

    final List<UUID> inserted = new ArrayList<>();

    @Test
    void aDatabaseWrittenBeforeTheRenameIsMigratedAndItsPendingPublicationsAreDelivered() throws Exception {
        String reference = PaymentsTestSupport.newReference();
        payments.start(PaymentsTestSupport.startOf(reference, 1200));
        payments.cancel(reference);
        // what the registry writes today for the event, to each of its two listeners
        await().until(() -> archived(reference).size() == 2);
        Map<String, Object> toRecorder = archived(reference).stream()
                .filter(row -> row.get("listener_id").toString().startsWith(PaymentEventsRecorder.LISTENER_ID_PREFIX))
                .findFirst().orElseThrow();
        Map<String, Object> toOrders = archived(reference).stream()
                .filter(row -> row.get("listener_id").toString().startsWith("com.example.shop.orders."))
                .findFirst().orElseThrow();
        String serialized = (String) toRecorder.get("serialized_event");

        // the same facts as the earlier version stored them
        committed.update("update payments_payment set status = 'CANCELED' where reference = ?", reference);
        assertThatThrownBy(() -> payments.find(reference)).satisfies(e ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(e)).hasMessageContaining("CANCELED"));
        UUID pendingForRecorder = publication("event_publication", oldName(toRecorder), serialized);
        UUID pendingForOrders = publication("event_publication", oldName(toOrders), serialized);
        UUID givenUp = publication("event_publication_dead_letter", oldName(toRecorder), serialized);

        migrate();

        assertThat(new PaymentsTestSupport(jdbc).status(reference)).isEqualTo("CANCELLED");
        assertThat(payments.find(reference)).get().extracting(PaymentView::status)
                .isEqualTo(PaymentStatus.CANCELLED);
        assertThat(typeAndListener("event_publication_dead_letter", givenUp))
                .containsExactly(NEW_EVENT_TYPE, toRecorder.get("listener_id"));
        int deliveredBefore = deliveriesToRecorder(reference);

        Set<UUID> pending = Set.of(pendingForRecorder, pendingForOrders);
        failed.resubmit(ResubmissionOptions.defaults().withBatchSize(10_000)
                .withFilter(publication -> pending.contains(publication.getIdentifier())));

        await().until(() -> completed(pendingForRecorder) && completed(pendingForOrders));
        assertThat(typeAndListener("event_publication_archive", pendingForRecorder))
                .containsExactly(NEW_EVENT_TYPE, toRecorder.get("listener_id"));
        assertThat(typeAndListener("event_publication_archive", pendingForOrders))
                .containsExactly(NEW_EVENT_TYPE, toOrders.get("listener_id"));
        assertThat(deliveriesToRecorder(reference)).isEqualTo(deliveredBefore + 1);
    }

    @AfterEach
    void removeWhatWasInserted() {
        for (UUID id : inserted) {
            for (String table : List.of("event_publication", "event_publication_dead_letter",
                    "event_publication_archive")) {
                committed.update("delete from " + table + " where id = ?", (Object) bytes(id));
            }
        }
    }

    /**
     * Liquibase finds the changeset not yet run, as on a database of the earlier version, and runs it. It
     * remembers in memory which databases it found up to date (another application context of this JVM may have
     * started on this one): a new process would not, so neither does this run.
     */
    private void migrate() throws Exception {
        assertThat(committed.update("delete from DATABASECHANGELOG where id = ? and author = 'shop-api'", CHANGESET))
                .isEqualTo(1);
        Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
        liquibase.afterPropertiesSet();
        assertThat(jdbc.queryForObject("select count(*) from DATABASECHANGELOG where id = ?", Integer.class,
                CHANGESET)).isEqualTo(1);
    }

    /** A listener id of today, as the earlier version wrote it (the event's type is in the method signature). */
    private static String oldName(Map<String, Object> publication) {
        String listener = (String) publication.get("listener_id");
        assertThat(listener).endsWith("(" + NEW_EVENT_TYPE + ")");
        return listener.replace("(" + NEW_EVENT_TYPE + ")", "(" + OLD_EVENT_TYPE + ")");
    }

    /** A failed publication under the old event type, published a day ago (the oldest get resubmitted first). */
    private UUID publication(String table, String listenerId, String serializedEvent) {
        UUID id = UUID.randomUUID();
        inserted.add(id);
        String givenUp = table.endsWith("dead_letter") ? ", given_up_at" : "";
        committed.update("insert into " + table + " (id, listener_id, event_type, serialized_event, publication_date,"
                + " status, completion_attempts" + givenUp + ") values (?, ?, ?, ?, utc_timestamp(6) - interval 1 day,"
                + " 'FAILED', 1" + (givenUp.isEmpty() ? "" : ", utc_timestamp(6)") + ")",
                bytes(id), listenerId, OLD_EVENT_TYPE, serializedEvent);
        return id;
    }

    private List<Map<String, Object>> archived(String reference) {
        return jdbc.queryForList("select listener_id, serialized_event from event_publication_archive"
                + " where event_type = ? and serialized_event like ?", NEW_EVENT_TYPE, "%\"" + reference + "\"%");
    }

    private boolean completed(UUID id) {
        return jdbc.queryForObject("select count(*) from event_publication_archive where id = ?"
                + " and completion_date is not null", Integer.class, (Object) bytes(id)) == 1;
    }

    private List<Object> typeAndListener(String table, UUID id) {
        Map<String, Object> row = jdbc.queryForMap("select event_type, listener_id from " + table + " where id = ?",
                (Object) bytes(id));
        return List.of(row.get("event_type"), row.get("listener_id"));
    }

    private int deliveriesToRecorder(String reference) {
        return (int) recorder.received().stream()
                .filter(event -> event instanceof PaymentCancelled cancelled && cancelled.reference().equals(reference))
                .count();
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
