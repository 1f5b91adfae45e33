package com.example.shop.payments.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.example.shop.shared.Money;

/**
 * The one thing a handled Stripe event tells this module, in this module's terms: read by
 * {@link StripeEventTranslator}, applied by {@link StripeWebhookProcessor} through the {@link PaymentLedger}.
 */
sealed interface WebhookFact {

    @Nullable
    String paymentIntentId();

    /** What to record with the event, beside its outcome; {@code null} for nothing. */
    @Nullable
    default String describe() {
        return null;
    }

    /** The state of a PaymentIntent (a {@code payment_intent.*} event). */
    record IntentState(IntentSnapshot intent) implements WebhookFact {
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
    sealed interface AboutCapture extends WebhookFact {

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

    /** A dispute opened ({@code closed == false}) or closed on a PaymentIntent's charge. */
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

    /** Nothing to apply: the event's outcome is already known (someone else's PaymentIntent, say). */
    record Unusable(@Nullable String paymentIntentId, Outcome outcome) implements WebhookFact {
    }
}
