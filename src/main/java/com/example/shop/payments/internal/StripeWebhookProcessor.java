package com.example.shop.payments.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.payments.PaymentProviderMisconfigured;
import com.example.shop.payments.PaymentProviderUnavailable;
import com.example.shop.payments.PaymentRejected;
import com.example.shop.shared.Money;

/**
 * Turns a Stripe webhook request into at most one application of its effects.
 * <ol>
 * <li>Verify the {@code Stripe-Signature} over the raw body (secret and tolerance from configuration).</li>
 * <li>Ignore types this module does not handle, and event ids already recorded.</li>
 * <li>Read the object from the payload; when this stripe-java cannot read it (the event was rendered for
 * another API version) retrieve it from Stripe by id (a dispute without its PaymentIntent also needs its
 * charge). A refund or dispute about a PaymentIntent no payment here has also retrieves that PaymentIntent,
 * to tell someone else's (acknowledged without effect) from ours (adopted). These retrievals, one attempt
 * each, are the only Stripe calls, and they happen before any transaction opens.</li>
 * <li>In one transaction: insert the event id (unique), apply the fact to the payment under its row lock,
 * publish the resulting events. A concurrent duplicate fails on the unique id and is acknowledged as a
 * duplicate.</li>
 * </ol>
 */
@Service
public class StripeWebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookProcessor.class);

    /** Events about one refund (its object is the refund). */
    static final Set<String> REFUND_EVENTS = Set.of("refund.created", "refund.updated", "refund.failed",
            "charge.refund.updated");

    static final Set<String> HANDLED = Set.of("payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.canceled", "payment_intent.processing", "charge.refunded", "refund.created",
            "refund.updated", "refund.failed", "charge.refund.updated", "charge.dispute.created",
            "charge.dispute.closed");

    private final StripeProperties properties;
    private final StripeGateway stripe;
    private final PaymentLedger ledger;
    private final WebhookEventRepository events;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    StripeWebhookProcessor(StripeProperties properties, StripeGateway stripe, PaymentLedger ledger,
            WebhookEventRepository events, TransactionTemplate transaction, JsonMapper json) {
        this.json = json;
        this.properties = properties;
        this.stripe = stripe;
        this.ledger = ledger;
        this.events = events;
        this.transaction = transaction;
    }

    public WebhookResult receive(byte[] body, @Nullable String signatureHeader) {
        Event event = verify(new String(body, StandardCharsets.UTF_8), signatureHeader);
        String type = event.getType();
        if (!HANDLED.contains(type)) {
            log.debug("Stripe event {} of type {} acknowledged without effect", event.getId(), type);
            return new WebhookResult(event.getId(), type, WebhookResult.IGNORED_TYPE);
        }
        if (events.existsByEventId(event.getId())) {
            return new WebhookResult(event.getId(), type, WebhookResult.DUPLICATE);
        }
        Fact fact;
        try {
            fact = withAllRefunds(withItsPayment(factOf(event)));
        } catch (PaymentProviderMisconfigured e) {
            throw new WebhookRetryLater("Stripe refused this shop's API key (a configuration error, logged); the"
                    + " event could not be read.", e);
        } catch (PaymentProviderUnavailable e) {
            throw new WebhookRetryLater("Stripe is unavailable; the event could not be read.", e);
        } catch (PaymentRejected e) {
            log.error("Stripe event {} ({}) refers to an object Stripe does not return: {}", event.getId(), type,
                    e.getMessage());
            fact = new Fact.Unusable(null, Outcome.UNRETRIEVABLE);
        }
        Instant at = event.getCreated() == null ? Instant.now() : Instant.ofEpochSecond(event.getCreated());
        Fact applied = fact;
        try {
            return transaction.execute(status -> {
                WebhookEvent record = events.saveAndFlush(
                        new WebhookEvent(event.getId(), type, applied.paymentIntentId(), Instant.now()));
                Outcome outcome = apply(applied, at);
                if (outcome == Outcome.NOT_YET) {
                    throw new WebhookRetryLater("Event " + event.getId() + " (" + type + ") overtook the state it"
                            + " depends on; Stripe will deliver it again.", null);
                }
                record.resulted(outcome, applied.describe());
                log.info("Stripe event {} ({}) for {}: {}", event.getId(), type, applied.paymentIntentId(),
                        outcome.label());
                return new WebhookResult(event.getId(), type, outcome.label());
            });
        } catch (DataIntegrityViolationException | TransientDataAccessException e) {
            // The unique event id turned a concurrent duplicate into a constraint violation (or, rarely,
            // a deadlock): if the other delivery committed, this one is a duplicate; otherwise retry later.
            if (events.existsByEventId(event.getId())) {
                log.info("Concurrent duplicate delivery of Stripe event {} acknowledged", event.getId());
                return new WebhookResult(event.getId(), type, WebhookResult.DUPLICATE);
            }
            throw new WebhookRetryLater("Event " + event.getId() + " met a concurrent change or a transient"
                    + " database failure.", e);
        }
    }

    private Event verify(String payload, @Nullable String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidWebhook("The Stripe-Signature header is missing.");
        }
        try {
            return Webhook.constructEvent(payload, signatureHeader, properties.webhookSecret(),
                    properties.webhookTolerance().toSeconds());
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhook("The Stripe-Signature does not match the body, or its timestamp is"
                    + " outside the tolerance.");
        } catch (RuntimeException e) {
            throw new InvalidWebhook("The body is not a Stripe event.");
        }
    }

    private Outcome apply(Fact fact, Instant at) {
        if (fact instanceof Fact.IntentState intent) {
            return ledger.applyIntent(intent.intent(), at);
        }
        if (fact instanceof Fact.AboutCapture about && about.adopt() != null) {
            // the PaymentIntent was never stored here: adopt it (and apply its state) first
            Outcome adopted = ledger.applyIntent(about.adopt(), at);
            if (adopted == Outcome.SUPERSEDED || adopted == Outcome.FOREIGN) {
                return adopted;
            }
        }
        if (fact instanceof Fact.Refunds refunds) {
            return ledger.applyRefunds(refunds.paymentIntentId(), refunds.refunds(), at);
        }
        if (fact instanceof Fact.DisputeState dispute) {
            return ledger.applyDispute(dispute.paymentIntentId(), dispute.disputeId(), dispute.amount(),
                    dispute.status(), dispute.closed(), at);
        }
        return ((Fact.Unusable) fact).outcome();
    }

    /** What the event says, read from its payload or, when unreadable, retrieved from Stripe by id. */
    private Fact factOf(Event event) {
        Optional<StripeObject> object = readableObject(event);
        String objectId = objectId(event);
        if (object.isEmpty() && objectId == null) {
            log.error("Stripe event {} ({}) carries no readable object and no object id", event.getId(),
                    event.getType());
            return new Fact.Unusable(null, Outcome.UNRETRIEVABLE);
        }
        String type = event.getType();
        if (type.startsWith("payment_intent.")) {
            PaymentIntent intent = object.filter(PaymentIntent.class::isInstance).map(PaymentIntent.class::cast)
                    .orElse(null);
            return new Fact.IntentState(intent != null ? IntentSnapshot.of(intent) : stripe.retrieveIntentForWebhook(objectId));
        }
        if (type.equals("charge.refunded")) {
            Charge charge = object.filter(Charge.class::isInstance).map(Charge.class::cast)
                    .orElseGet(() -> stripe.retrieveCharge(objectId));
            if (charge.getPaymentIntent() == null) {
                return new Fact.Unusable(null, Outcome.FOREIGN);
            }
            return new Fact.Refunds(charge.getPaymentIntent(), null, orZero(charge.getAmountRefunded()), null);
        }
        if (REFUND_EVENTS.contains(type)) {
            Refund refund = object.filter(Refund.class::isInstance).map(Refund.class::cast)
                    .orElseGet(() -> stripe.retrieveRefund(objectId));
            if (refund.getPaymentIntent() == null) {
                return new Fact.Unusable(null, Outcome.FOREIGN);
            }
            return new Fact.Refunds(refund.getPaymentIntent(), List.of(RefundSnapshot.of(refund)), null, null);
        }
        Dispute dispute = object.filter(Dispute.class::isInstance).map(Dispute.class::cast)
                .orElseGet(() -> stripe.retrieveDispute(objectId));
        String paymentIntentId = dispute.getPaymentIntent();
        if (paymentIntentId == null && dispute.getCharge() != null) {
            paymentIntentId = stripe.retrieveCharge(dispute.getCharge()).getPaymentIntent();
        }
        if (paymentIntentId == null) {
            return new Fact.Unusable(null, Outcome.FOREIGN);
        }
        return new Fact.DisputeState(paymentIntentId, dispute.getId(),
                new Money(orZero(dispute.getAmount()), Money.currency(upper(dispute.getCurrency()))),
                dispute.getStatus(), type.equals("charge.dispute.closed"), null);
    }

    /**
     * A refund or a dispute speaks of a PaymentIntent. When no payment here has it, the PaymentIntent itself
     * (retrieved, outside any transaction) says whose it is: without {@code metadata.order_id} it belongs to
     * someone else on the Stripe account and the event is acknowledged without effect; with it, it is one of
     * ours whose store was lost, adopted before the fact is applied, as PaymentIntent events do.
     */
    private Fact withItsPayment(Fact fact) {
        if (!(fact instanceof Fact.AboutCapture about) || ledger.hasPayment(about.paymentIntentId())) {
            return fact;
        }
        IntentSnapshot intent = stripe.retrieveIntentForWebhook(about.paymentIntentId());
        if (intent.reference() == null) {
            log.info("PaymentIntent {} has no metadata.{}: not a payment of this shop", intent.id(),
                    IntentSnapshot.REFERENCE_KEY);
            return new Fact.Unusable(intent.id(), Outcome.FOREIGN);
        }
        return about.adopting(intent);
    }

    /**
     * A {@code charge.refunded} carries the charge's refunded amount, not its refunds (since API version
     * 2022-11-15). When that amount is what the refunds recorded here add up to, nothing is new; otherwise
     * (a refund made in the dashboard, one that failed) Stripe lists the PaymentIntent's refunds, so each is
     * counted once by its id, in whatever order the events arrive.
     */
    private Fact withAllRefunds(Fact fact) {
        if (!(fact instanceof Fact.Refunds refunds) || refunds.refunds() != null) {
            return fact;
        }
        Optional<Payment> payment = ledger.findByPaymentIntentId(refunds.paymentIntentId());
        if (payment.isPresent() && (!payment.get().status().isCaptured()
                || payment.get().refunded().amount() == refunds.reportedTotal())) {
            return refunds.listed(List.of());
        }
        return refunds.listed(stripe.refundsOf(refunds.paymentIntentId()));
    }

    /** Empty when this stripe-java cannot deserialise the object (another API version, an unknown shape). */
    private static Optional<StripeObject> readableObject(Event event) {
        if (event.getApiVersion() == null) {
            return Optional.empty();
        }
        try {
            return event.getDataObjectDeserializer().getObject();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Nullable
    private String objectId(Event event) {
        try {
            JsonNode id = json.readTree(event.getDataObjectDeserializer().getRawJson()).get("id");
            if (id != null && id.isString()) {
                return id.asString();
            }
        } catch (RuntimeException e) {
            // no usable id
        }
        return null;
    }

    private static long orZero(@Nullable Long value) {
        return value == null ? 0 : value;
    }

    private static String upper(@Nullable String currency) {
        return currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    }

    /** The one thing a handled event tells this module. */
    sealed interface Fact {

        @Nullable
        String paymentIntentId();

        default String describe() {
            return null;
        }

        record IntentState(IntentSnapshot intent) implements Fact {
            @Override
            public String paymentIntentId() {
                return intent.id();
            }

            @Override
            public String describe() {
                return "status " + intent.status() + ", " + intent.captured() + " " + intent.currency();
            }
        }

        /** A fact about captured money, which needs the payment; {@code adopt} when it must be adopted first. */
        sealed interface AboutCapture extends Fact {

            @Override
            String paymentIntentId();

            @Nullable
            IntentSnapshot adopt();

            AboutCapture adopting(IntentSnapshot intent);
        }

        /**
         * Refunds of a PaymentIntent as Stripe reports them: one (a {@code refund.*} event) or all of them
         * (listed for a {@code charge.refunded}; {@code null} until listed, {@code reportedTotal} being the
         * charge's refunded amount).
         */
        record Refunds(String paymentIntentId, @Nullable List<RefundSnapshot> refunds, @Nullable Long reportedTotal,
                @Nullable IntentSnapshot adopt) implements AboutCapture {
            @Override
            public String describe() {
                if (refunds == null || refunds.isEmpty()) {
                    return "refunded in total " + reportedTotal + " (nothing new)";
                }
                return "refunds " + refunds;
            }

            Refunds listed(List<RefundSnapshot> all) {
                return new Refunds(paymentIntentId, all, reportedTotal, adopt);
            }

            @Override
            public AboutCapture adopting(IntentSnapshot intent) {
                return new Refunds(paymentIntentId, refunds, reportedTotal, intent);
            }
        }

        record DisputeState(String paymentIntentId, String disputeId, Money amount, String status, boolean closed,
                @Nullable IntentSnapshot adopt) implements AboutCapture {
            @Override
            public String describe() {
                return "dispute " + disputeId + " " + status;
            }

            @Override
            public AboutCapture adopting(IntentSnapshot intent) {
                return new DisputeState(paymentIntentId, disputeId, amount, status, closed, intent);
            }
        }

        record Unusable(@Nullable String paymentIntentId, Outcome outcome) implements Fact {
        }
    }
}
