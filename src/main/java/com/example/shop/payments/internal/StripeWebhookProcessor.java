package com.example.shop.payments.internal;

import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.shop.payments.PaymentProviderMisconfigured;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.payments.internal.StripeEventTranslator.VerifiedEvent;

/**
 * Turns a Stripe webhook request into at most one application of its effects: verify, record, apply.
 * <ol>
 * <li><b>Verify</b> the {@code Stripe-Signature} over the raw body ({@link StripeEventTranslator#verify}).
 * Types this module does not handle, and event ids already recorded, are acknowledged here.</li>
 * <li>Read what the event tells ({@link StripeEventTranslator#factOf}), retrieving from Stripe what the payload
 * does not say, before any transaction opens. Stripe unreachable, or refusing this shop's key, answers 503 so
 * that Stripe delivers the event again.</li>
 * <li>In one transaction, <b>record</b> the event id (unique) and <b>apply</b> the fact to the payment under
 * its row lock through the {@link PaymentLedger}, which publishes the resulting events. A concurrent duplicate
 * fails on the unique id and is acknowledged as a duplicate; a fact that overtook the state it depends on rolls
 * back with a 503.</li>
 * </ol>
 * The webhook controller's entry point; stripe-java stays behind the {@link StripeEventTranslator}.
 * <p>
 * Every answer is counted in {@code shop.payments.webhooks}, tagged with the event {@code type} (a handled one;
 * {@code other} for the rest, {@code unverified} before the signature is checked) and the {@code outcome}: the
 * acknowledgement's own, or {@code invalid-signature} (400), {@code retry-later} (503), {@code error} (500).
 */
@Service
public class StripeWebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookProcessor.class);

    private final StripeEventTranslator translator;
    private final PaymentLedger ledger;
    private final WebhookEventRepository events;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    StripeWebhookProcessor(StripeEventTranslator translator, PaymentLedger ledger, WebhookEventRepository events,
            TransactionTemplate transaction, MeterRegistry meters) {
        this.translator = translator;
        this.ledger = ledger;
        this.events = events;
        this.transaction = transaction;
        this.meters = meters;
    }

    public WebhookResult receive(byte[] body, @Nullable String signatureHeader) {
        String type = "unverified";
        try {
            VerifiedEvent event = translator.verify(body, signatureHeader);
            type = event.handled() ? event.type() : "other";
            WebhookResult result = handle(event);
            count(type, result.outcome());
            return result;
        } catch (RuntimeException e) {
            count(type, e instanceof InvalidWebhook ? "invalid-signature"
                    : e instanceof WebhookRetryLater ? "retry-later" : "error");
            throw e;
        }
    }

    private void count(String type, String outcome) {
        Counter.builder("shop.payments.webhooks").description("Stripe webhook deliveries answered, by type and outcome")
                .tag("type", type).tag("outcome", outcome).register(meters).increment();
    }

    private WebhookResult handle(VerifiedEvent event) {
        if (!event.handled()) {
            log.debug("Stripe event {} of type {} acknowledged without effect", event.id(), event.type());
            return new WebhookResult(event.id(), event.type(), WebhookResult.IGNORED_TYPE);
        }
        if (events.existsByEventId(event.id())) {
            return new WebhookResult(event.id(), event.type(), WebhookResult.DUPLICATE);
        }
        WebhookFact fact = read(event);
        return recordAndApply(event, fact, event.createdAt());
    }

    private WebhookFact read(VerifiedEvent event) {
        try {
            return translator.factOf(event);
        } catch (PaymentProviderMisconfigured e) {
            throw new WebhookRetryLater("Stripe refused this shop's API key (a configuration error, logged); the"
                    + " event could not be read.", e);
        } catch (PaymentProviderUnavailable e) {
            throw new WebhookRetryLater("Stripe is unavailable; the event could not be read.", e);
        } catch (PaymentRejected e) {
            log.error("Stripe event {} ({}) refers to an object Stripe does not return: {}", event.id(), event.type(),
                    e.getMessage());
            return new WebhookFact.Unusable(null, Outcome.UNRETRIEVABLE);
        }
    }

    private WebhookResult recordAndApply(VerifiedEvent event, WebhookFact fact, Instant at) {
        try {
            return transaction.execute(status -> {
                WebhookEvent record = events.saveAndFlush(
                        new WebhookEvent(event.id(), event.type(), fact.paymentIntentId(), Instant.now()));
                Outcome outcome = apply(fact, at);
                if (outcome == Outcome.NOT_YET) {
                    throw new WebhookRetryLater("Event " + event.id() + " (" + event.type() + ") overtook the state"
                            + " it depends on; Stripe will deliver it again.", null);
                }
                record.resulted(outcome, fact.describe());
                log.info("Stripe event {} ({}) for {}: {}", event.id(), event.type(), fact.paymentIntentId(),
                        outcome.label());
                return new WebhookResult(event.id(), event.type(), outcome.label());
            });
        } catch (DataIntegrityViolationException | TransientDataAccessException e) {
            // The unique event id turned a concurrent duplicate into a constraint violation (or, rarely,
            // a deadlock): if the other delivery committed, this one is a duplicate; otherwise retry later.
            if (events.existsByEventId(event.id())) {
                log.info("Concurrent duplicate delivery of Stripe event {} acknowledged", event.id());
                return new WebhookResult(event.id(), event.type(), WebhookResult.DUPLICATE);
            }
            throw new WebhookRetryLater("Event " + event.id() + " met a concurrent change or a transient"
                    + " database failure.", e);
        }
    }

    private Outcome apply(WebhookFact fact, Instant at) {
        if (fact instanceof WebhookFact.IntentState intent) {
            return ledger.applyIntent(intent.intent(), at);
        }
        if (fact instanceof WebhookFact.AboutCapture about && about.adopt() != null) {
            // the PaymentIntent was never stored here: adopt it (and apply its state) first
            Outcome adopted = ledger.applyIntent(about.adopt(), at);
            if (adopted == Outcome.SUPERSEDED || adopted == Outcome.FOREIGN) {
                return adopted;
            }
        }
        if (fact instanceof WebhookFact.Refunds refunds) {
            return ledger.applyRefunds(refunds.paymentIntentId(), refunds.refunds(), at);
        }
        if (fact instanceof WebhookFact.DisputeState dispute) {
            return ledger.applyDispute(dispute.paymentIntentId(), dispute.disputeId(), dispute.amount(),
                    dispute.status(), dispute.closed(), at);
        }
        return ((WebhookFact.Unusable) fact).outcome();
    }
}
