package com.example.shop.payments.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.shop.shared.Money;

/**
 * Stripe's webhook events in this module's terms, the only part of the webhook that knows stripe-java:
 * {@link #verify} checks the {@code Stripe-Signature} over the raw body (secret and tolerance from
 * configuration), and {@link #factOf} reads the one {@link WebhookFact} a handled event tells.
 * <p>
 * The object comes from the payload; when this stripe-java cannot read it (the event was rendered for another
 * API version) it is retrieved from Stripe by id (a dispute without its PaymentIntent also needs its charge).
 * A refund or dispute about a PaymentIntent no payment here has also retrieves that PaymentIntent, to tell
 * someone else's (acknowledged without effect) from ours (adopted), and a {@code charge.refunded} that reports
 * a total other than the one recorded lists the PaymentIntent's refunds. These retrievals, one attempt each,
 * are the webhook's only Stripe calls, made before any transaction opens; they throw the
 * {@link StripeGateway}'s exceptions.
 */
@Component
class StripeEventTranslator {

    private static final Logger log = LoggerFactory.getLogger(StripeEventTranslator.class);

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
    private final JsonMapper json;

    StripeEventTranslator(StripeProperties properties, StripeGateway stripe, PaymentLedger ledger, JsonMapper json) {
        this.properties = properties;
        this.stripe = stripe;
        this.ledger = ledger;
        this.json = json;
    }

    /** A Stripe event whose signature checked out. Only the translator looks inside. */
    static final class VerifiedEvent {

        private final Event event;

        private VerifiedEvent(Event event) {
            this.event = event;
        }

        String id() {
            return event.getId();
        }

        String type() {
            return event.getType();
        }

        /** Whether this module does anything with events of this type. */
        boolean handled() {
            return HANDLED.contains(event.getType());
        }

        /** When Stripe created the event (now, if it does not say). */
        Instant createdAt() {
            return event.getCreated() == null ? Instant.now() : Instant.ofEpochSecond(event.getCreated());
        }
    }

    /**
     * @throws InvalidWebhook when the header is missing, the signature does not match the body, its timestamp
     *         is outside the tolerance, or the body is not a Stripe event
     */
    VerifiedEvent verify(byte[] body, @Nullable String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidWebhook("The Stripe-Signature header is missing.");
        }
        try {
            return new VerifiedEvent(Webhook.constructEvent(new String(body, StandardCharsets.UTF_8),
                    signatureHeader, properties.webhookSecret(), properties.webhookTolerance().toSeconds()));
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhook("The Stripe-Signature does not match the body, or its timestamp is"
                    + " outside the tolerance.");
        } catch (RuntimeException e) {
            throw new InvalidWebhook("The body is not a Stripe event.");
        }
    }

    /** What a handled event tells, with whatever had to be retrieved from Stripe to know it. */
    WebhookFact factOf(VerifiedEvent verified) {
        return withAllRefunds(withItsPayment(read(verified.event)));
    }

    /** What the event says, read from its payload or, when unreadable, retrieved from Stripe by id. */
    private WebhookFact read(Event event) {
        Optional<StripeObject> object = readableObject(event);
        String objectId = objectId(event);
        if (object.isEmpty() && objectId == null) {
            log.error("Stripe event {} ({}) carries no readable object and no object id", event.getId(),
                    event.getType());
            return new WebhookFact.Unusable(null, Outcome.UNRETRIEVABLE);
        }
        String type = event.getType();
        if (type.startsWith("payment_intent.")) {
            return new WebhookFact.IntentState(object.filter(PaymentIntent.class::isInstance)
                    .map(intent -> StripeGatewaySnapshots.intent((PaymentIntent) intent))
                    .orElseGet(() -> stripe.retrieveIntentForWebhook(objectId)));
        }
        if (type.equals("charge.refunded")) {
            ChargeSnapshot charge = object.filter(Charge.class::isInstance)
                    .map(found -> StripeGatewaySnapshots.charge((Charge) found))
                    .orElseGet(() -> stripe.retrieveCharge(objectId));
            if (charge.paymentIntentId() == null) {
                return new WebhookFact.Unusable(null, Outcome.FOREIGN);
            }
            return new WebhookFact.Refunds(charge.paymentIntentId(), null, charge.amountRefunded(), null);
        }
        if (REFUND_EVENTS.contains(type)) {
            RefundSnapshot refund = object.filter(Refund.class::isInstance)
                    .map(found -> StripeGatewaySnapshots.refund((Refund) found))
                    .orElseGet(() -> stripe.retrieveRefund(objectId));
            if (refund.paymentIntentId() == null) {
                return new WebhookFact.Unusable(null, Outcome.FOREIGN);
            }
            return new WebhookFact.Refunds(refund.paymentIntentId(), List.of(refund), null, null);
        }
        DisputeSnapshot dispute = object.filter(Dispute.class::isInstance)
                .map(found -> StripeGatewaySnapshots.dispute((Dispute) found))
                .orElseGet(() -> stripe.retrieveDispute(objectId));
        String paymentIntentId = dispute.paymentIntentId();
        if (paymentIntentId == null && dispute.chargeId() != null) {
            paymentIntentId = stripe.retrieveCharge(dispute.chargeId()).paymentIntentId();
        }
        if (paymentIntentId == null) {
            return new WebhookFact.Unusable(null, Outcome.FOREIGN);
        }
        return new WebhookFact.DisputeState(paymentIntentId, dispute.id(),
                new Money(dispute.amount(), Money.currency(dispute.currency())), dispute.status(),
                type.equals("charge.dispute.closed"), null);
    }

    /**
     * A refund or a dispute speaks of a PaymentIntent. When no payment here has it, the PaymentIntent itself
     * (retrieved, outside any transaction) says whose it is: without {@code metadata.order_id} it belongs to
     * someone else on the Stripe account and the event is acknowledged without effect; with it, it is one of
     * ours whose store was lost, adopted before the fact is applied, as PaymentIntent events do.
     */
    private WebhookFact withItsPayment(WebhookFact fact) {
        if (!(fact instanceof WebhookFact.AboutCapture about) || ledger.hasPayment(about.paymentIntentId())) {
            return fact;
        }
        IntentSnapshot intent = stripe.retrieveIntentForWebhook(about.paymentIntentId());
        if (intent.reference() == null) {
            log.info("PaymentIntent {} has no metadata.{}: not a payment of this shop", intent.id(),
                    IntentSnapshot.REFERENCE_KEY);
            return new WebhookFact.Unusable(intent.id(), Outcome.FOREIGN);
        }
        return about.adopting(intent);
    }

    /**
     * A {@code charge.refunded} carries the charge's refunded amount, not its refunds (since API version
     * 2022-11-15). When that amount is what the refunds recorded here add up to, nothing is new; otherwise
     * (a refund made in the dashboard, one that failed) Stripe lists the PaymentIntent's refunds, so each is
     * counted once by its id, in whatever order the events arrive.
     */
    private WebhookFact withAllRefunds(WebhookFact fact) {
        if (!(fact instanceof WebhookFact.Refunds refunds) || refunds.refunds() != null) {
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
}
