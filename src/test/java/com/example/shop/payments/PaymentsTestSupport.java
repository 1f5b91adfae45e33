package com.example.shop.payments;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import com.example.shop.shared.Money;

/** Reads the module's tables and the publication registry the way an auditor would. */
final class PaymentsTestSupport {

    private final JdbcTemplate jdbc;

    PaymentsTestSupport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String newReference() {
        return UUID.randomUUID().toString();
    }

    static StartPayment startOf(String reference, long amount) {
        return new StartPayment(reference, Money.of(amount, "EUR"), "buyer-" + reference.substring(0, 8) + "@example.com");
    }

    /**
     * Publications of an event type for a reference, as written to the registry: still open in
     * {@code event_publication}, or completed and archived in {@code event_publication_archive}.
     */
    int publications(Class<?> eventType, String reference) {
        Integer count = jdbc.queryForObject("""
                select count(*) from (
                  select id from event_publication
                  where event_type = ? and listener_id like ? and serialized_event like ?
                  union all
                  select id from event_publication_archive
                  where event_type = ? and listener_id like ? and serialized_event like ?) publications""",
                Integer.class,
                eventType.getName(), PaymentEventsRecorder.LISTENER_ID_PREFIX + "%", "%\"" + reference + "\"%",
                eventType.getName(), PaymentEventsRecorder.LISTENER_ID_PREFIX + "%", "%\"" + reference + "\"%");
        return count == null ? 0 : count;
    }

    /** The events of a type published for a reference, as serialised in the registry, oldest first. */
    List<String> serializedEvents(Class<?> eventType, String reference) {
        return jdbc.queryForList("""
                select serialized_event from (
                  select serialized_event, publication_date from event_publication
                  where event_type = ? and listener_id like ? and serialized_event like ?
                  union all
                  select serialized_event, publication_date from event_publication_archive
                  where event_type = ? and listener_id like ? and serialized_event like ?) publications
                order by publication_date""", String.class,
                eventType.getName(), PaymentEventsRecorder.LISTENER_ID_PREFIX + "%", "%\"" + reference + "\"%",
                eventType.getName(), PaymentEventsRecorder.LISTENER_ID_PREFIX + "%", "%\"" + reference + "\"%");
    }

    Map<String, Object> payment(String reference) {
        return jdbc.queryForMap("select * from payments_payment where reference = ?", reference);
    }

    String status(String reference) {
        return jdbc.queryForObject("select status from payments_payment where reference = ?", String.class, reference);
    }

    int paymentRows(String reference) {
        return jdbc.queryForObject("select count(*) from payments_payment where reference = ?", Integer.class,
                reference);
    }

    int webhookEventRows(String eventId) {
        return jdbc.queryForObject("select count(*) from payments_webhook_event where event_id = ?", Integer.class,
                eventId);
    }

    String webhookOutcome(String eventId) {
        return jdbc.queryForObject("select outcome from payments_webhook_event where event_id = ?", String.class,
                eventId);
    }
}
