package com.example.shop.payments.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;


/**
 * A Stripe event id this system has processed. The id is unique in the table and is inserted in the
 * same transaction as the event's effects, so a second delivery, even a concurrent one, cannot apply
 * them again.
 */
@Entity
@Table(name = "payments_webhook_event")
class WebhookEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false)
    private String eventId;

    @Column(nullable = false, length = 100)
    private String type;

    @Column(name = "payment_intent_id")
    private String paymentIntentId;

    @Column(nullable = false, length = 40)
    private String outcome;

    @Column(length = 500)
    private String detail;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected WebhookEvent() {
    }

    WebhookEvent(String eventId, String type, @Nullable String paymentIntentId, Instant receivedAt) {
        this.eventId = eventId;
        this.type = type;
        this.paymentIntentId = paymentIntentId;
        this.receivedAt = receivedAt;
        this.outcome = "received";
    }

    void resulted(Outcome result, @Nullable String detail) {
        this.outcome = result.label();
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    String outcome() {
        return outcome;
    }
}
