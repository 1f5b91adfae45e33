package com.example.shop.payments.internal;

import java.util.Locale;
import java.util.Map;

import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;

import org.jspecify.annotations.Nullable;

/**
 * Stripe's objects as this module's snapshots: the one place that reads stripe-java's models, for the
 * {@link StripeGateway}'s answers and for the objects inside webhook events ({@link StripeEventTranslator}).
 * Missing numbers read as zero, currencies as upper-case codes.
 */
final class StripeGatewaySnapshots {

    private static final int MAX_FAILURE_REASON = 500;

    private StripeGatewaySnapshots() {
    }

    static IntentSnapshot intent(PaymentIntent intent) {
        Map<String, String> metadata = intent.getMetadata() == null ? Map.of() : intent.getMetadata();
        String failure = null;
        if (intent.getLastPaymentError() != null) {
            failure = firstNonBlank(intent.getLastPaymentError().getMessage(),
                    intent.getLastPaymentError().getDeclineCode(), intent.getLastPaymentError().getCode(),
                    "payment failed");
        }
        return new IntentSnapshot(intent.getId(), intent.getStatus(), orZero(intent.getAmount()),
                intent.getAmountReceived(), upper(intent.getCurrency()), intent.getClientSecret(),
                metadata.get(IntentSnapshot.REFERENCE_KEY), attempt(metadata.get(IntentSnapshot.ATTEMPT_KEY)), failure);
    }

    static RefundSnapshot refund(Refund refund) {
        Map<String, String> metadata = refund.getMetadata() == null ? Map.of() : refund.getMetadata();
        return new RefundSnapshot(refund.getId(), refund.getPaymentIntent(), orZero(refund.getAmount()),
                upper(refund.getCurrency()), refund.getStatus() == null ? "pending" : refund.getStatus(),
                metadata.get(RefundSnapshot.SHOP_KEY));
    }

    static ChargeSnapshot charge(Charge charge) {
        return new ChargeSnapshot(charge.getId(), charge.getPaymentIntent(), orZero(charge.getAmountRefunded()));
    }

    static DisputeSnapshot dispute(Dispute dispute) {
        return new DisputeSnapshot(dispute.getId(), dispute.getPaymentIntent(), dispute.getCharge(),
                orZero(dispute.getAmount()), upper(dispute.getCurrency()), dispute.getStatus());
    }

    /** The attempt in the metadata; 1 when missing or unreadable (a PaymentIntent created before attempts). */
    private static int attempt(@Nullable String value) {
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Nullable
    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.length() > MAX_FAILURE_REASON ? value.substring(0, MAX_FAILURE_REASON) : value;
            }
        }
        return null;
    }

    private static long orZero(@Nullable Long value) {
        return value == null ? 0 : value;
    }

    private static String upper(@Nullable String currency) {
        return currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    }
}
