package com.example.shop.shared.observability;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import com.example.shop.payments.StripeStandIn;

import static org.assertj.core.api.Assertions.assertThat;

/** The W3C {@code traceparent} of the last PaymentIntent the Stripe stand-in was asked to create. */
final class TraceparentToStripe {

    private static final Pattern SAMPLED = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");
    private static final Pattern NOT_SAMPLED = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-00");

    private TraceparentToStripe() {
    }

    /** Asserts that it carries the flag given; group 1 is its trace id, group 2 its span id. */
    static Matcher last(boolean sampled) {
        List<LoggedRequest> created = StripeStandIn.shared().requests("POST", "/v1/payment_intents");
        assertThat(created).isNotEmpty();
        String header = created.get(created.size() - 1).getHeader("traceparent");
        Matcher sent = (sampled ? SAMPLED : NOT_SAMPLED).matcher(header == null ? "" : header);
        assertThat(sent.matches()).as("traceparent %s, sampled %s", header, sampled).isTrue();
        return sent;
    }
}
