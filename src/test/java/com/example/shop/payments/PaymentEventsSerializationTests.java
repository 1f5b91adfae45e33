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
                new PaymentCanceled("ref", "pi_1", at),
                new PaymentRefunded("ref", "pi_1", Money.of(500, "EUR"), amount, at),
                new PaymentDisputed("ref", "pi_1", "dp_1", amount, at),
                new DisputeClosed("ref", "pi_1", "dp_1", amount, "won", true, at),
                new DisputeClosed("ref", "pi_1", "dp_2", amount, "lost", false, at) };
        for (Object event : events) {
            String serialized = json.writeValueAsString(event);
            assertThat(serialized).contains("\"reference\":\"ref\"", "\"paymentIntentId\":\"pi_1\"");
            assertThat(json.readValue(serialized, event.getClass())).isEqualTo(event);
        }
    }
}
