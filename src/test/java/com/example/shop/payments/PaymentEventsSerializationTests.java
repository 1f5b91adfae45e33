package com.example.shop.payments;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events survive the trip through the publication registry's JSON (an incomplete publication is
 * deserialised again when it is resubmitted).
 */
class PaymentEventsSerializationTests {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyEventRoundTrips() {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        Money amount = Money.of(1999, "EUR");
        Object[] events = {
                new PaymentSucceeded("ref", "pi_1", amount, at),
                new PaymentFailed("ref", "pi_1", "Your card was declined.", at),
                new PaymentCancelled("ref", "pi_1", at),
                new PaymentRefunded("ref", "pi_1", Money.of(500, "EUR"), amount, Money.of(300, "EUR"), at),
                new RefundFailed("ref", "pi_1", Money.of(300, "EUR"), Money.of(1699, "EUR"), Money.of(300, "EUR"), at),
                new PaymentDisputed("ref", "pi_1", "dp_1", amount, at),
                new DisputeClosed("ref", "pi_1", "dp_1", amount, "won", true, at),
                new DisputeClosed("ref", "pi_1", "dp_2", amount, "lost", false, at) };
        for (Object event : events) {
            String serialized = json.writeValueAsString(event);
            assertThat(serialized).contains("\"reference\":\"ref\"", "\"paymentIntentId\":\"pi_1\"");
            assertThat(json.readValue(serialized, event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void aPaymentRefundedPublishedBeforeItHadTotalFailedReadsAsNothingFailed() {
        String stored = """
                {"reference":"ref","paymentIntentId":"pi_1","amount":{"amount":500,"currency":"EUR"},
                 "totalRefunded":{"amount":500,"currency":"EUR"},"at":"2026-11-25T10:00:00Z"}""";

        PaymentRefunded event = json.readValue(stored, PaymentRefunded.class);

        assertThat(event.totalFailed()).isEqualTo(Money.of(0, "EUR"));
        assertThat(event.totalRefunded()).isEqualTo(Money.of(500, "EUR"));
    }
}
